import AvaraCore
import AvaraSupport
import Dispatch
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization
import _ConnectionPoolModule

/// The server backend: a PostgreSQL database shared by any number of replicas of the service.
///
/// Connections come from PostgresNIO's `PostgresClient` pool. The store runs the client's `run()` from
/// ``open(url:maximumConnections:logger:)`` until ``close()`` (which `avara serve` calls last, once the HTTP server
/// and the background services have stopped), so that migrations and one-shot commands can use it like SQLite.
/// Transactions run at PostgreSQL's default `READ COMMITTED` isolation; the repositories lock the rows they
/// read before changing them, and a transaction the server aborts to break a deadlock is run again. Reads and
/// transactions run their queries as prepared statements (``PreparedStatementDatabase``) unless the URL says
/// `prepared_statements=false`.
///
/// ```swift
/// let store = try await PostgresDatabaseStore.open(url: try PostgresURL("postgres://avara@127.0.0.1/avara"), logger: logger)
/// try await store.transaction { db in try await db.raw("DELETE FROM users").run() }
/// try await store.close()
/// ```
package final class PostgresDatabaseStore: DatabaseStore {
    package let backendName = "postgresql"
    package let isSharedBetweenProcesses = true
    /// Where the store connects (without the password).
    package let url: PostgresURL

    package let faults = StorageFaults()
    /// The longest a request's read or transaction may take, connecting included: past it the request answers
    /// ``ServiceError/databaseUnavailable(retryAfter:)`` instead of waiting for a server that is down.
    package let operationTimeout: Duration

    /// When the server was last found unreachable (nanoseconds of uptime; 0: never): for ``fastFailWindow`` after
    /// that, requests answer ``ServiceError/databaseUnavailable(retryAfter:)`` at once instead of each waiting out
    /// its deadline; the first request after the window tries the server again.
    private let unreachableAt = Atomic<UInt64>(0)
    private static let fastFailWindow: UInt64 = 1_000_000_000

    private let client: PostgresClient
    private let statementNames = PreparedStatementNames()
    private let running: Task<Void, Never>
    private let closed = Atomic<Bool>(false)
    private let logger: Logger

    /// How often a transaction aborted by a deadlock or a serialization failure is tried in all.
    private static let attempts = 5

    private init(url: PostgresURL, client: PostgresClient, operationTimeout: Duration, logger: Logger) {
        self.url = url
        self.client = client
        self.operationTimeout = operationTimeout
        self.logger = logger
        running = Task { await client.run() }
    }

    /// Connects to the database of `url`, creating the URL's schema if it names one that does not exist.
    ///
    /// - Parameters:
    ///   - maximumConnections: The most connections the pool opens.
    ///   - connectTimeout: How long the first connection may take before the server counts as unreachable.
    /// - Throws: ``ConfigurationError`` when the server cannot be reached or refuses the login.
    package static func open(
        url: PostgresURL, maximumConnections: Int = 20, connectTimeout: Duration = .seconds(30),
        operationTimeout: Duration = .seconds(5), logger: Logger
    ) async throws -> PostgresDatabaseStore {
        let client = PostgresClient(
            configuration: try url.clientConfiguration(maximumConnections: maximumConnections), backgroundLogger: logger
        )
        let store = PostgresDatabaseStore(url: url, client: client, operationTimeout: operationTimeout, logger: logger)
        do {
            try await store.checkConnection(timeout: connectTimeout)
            if let schema = url.schema {
                try await store.transaction(holding: .migrations) { db in
                    try await db.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
                }
            }
            return store
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Fails with a clear message, rather than waiting forever, when the server does not answer within `timeout`
    /// (the start's own, longer than a request's ``operationTimeout``: a replica may start while its server boots).
    private func checkConnection(timeout: Duration) async throws {
        do {
            try await Deadline.run(after: timeout) {
                try await self.client.withConnection { connection in
                    try await connection.sql(logger: self.logger).raw("SELECT 1").run()
                }
            }
        } catch ServiceError.databaseUnavailable {
            throw ConfigurationError("cannot use the PostgreSQL database \(url): no answer within \(timeout)")
        } catch {
            throw ConfigurationError("cannot use the PostgreSQL database \(url): \(Self.summary(of: error))")
        }
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try checkOpen()
        return try await withinDeadline {
            try await self.client.withConnection { connection in
                try await body(self.database(on: connection, preparing: true))
            }
        }
    }

    package func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withinDeadline {
            try await self.retryingConflicts { try await self.runTransaction(lock: nil, body) }
        }
    }

    /// A transaction holding `lock` (migrations, the first clinic): it may wait for another replica's, so it has no
    /// deadline.
    package func transaction<T: Sendable>(
        holding lock: DatabaseLock, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            return try await retryingConflicts { try await self.runTransaction(lock: lock, body) }
        } catch {
            throw translated(error)
        }
    }

    /// Runs `operation` within ``operationTimeout``, with the driver's errors of an unreachable or full database
    /// turned into the core's.
    private func withinDeadline<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let lastUnreachable = unreachableAt.load(ordering: .relaxed)
        if lastUnreachable != 0, Self.uptime() &- lastUnreachable < Self.fastFailWindow {
            throw ServiceError.databaseUnavailable(retryAfter: Deadline.retryAfter)
        }
        do {
            return try await Deadline.run(after: operationTimeout, operation)
        } catch {
            let translated = translated(error)
            if case ServiceError.databaseUnavailable = translated {
                unreachableAt.store(Self.uptime(), ordering: .relaxed)
            }
            throw translated
        }
    }

    private static func uptime() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }

    /// `error` as the core's when it says the database is unreachable (a connection refused, closed or reset; the
    /// server shutting down or starting; the pool refusing requests at once after failing to connect for a while, or
    /// shut down) or its disk full; otherwise `error` itself.
    package func translated(_ error: any Error) -> any Error {
        switch error {
        case let error as PSQLError where error.code == .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            if state == "53100" { return faults.diskFull() }
            if state.hasPrefix("08") || state.hasPrefix("57P") {
                return ServiceError.databaseUnavailable(retryAfter: Deadline.retryAfter)
            }
            return error
        case is PSQLError, is ChannelError, is IOError, is DatabaseClosedError:
            return ServiceError.databaseUnavailable(retryAfter: Deadline.retryAfter)
        case let error as _ConnectionPoolModule.ConnectionPoolError where error != .requestCancelled:
            return ServiceError.databaseUnavailable(retryAfter: Deadline.retryAfter)
        default:
            return error
        }
    }

    /// Stops the connection pool and waits until every connection is closed; later calls do nothing.
    package func close() async throws {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        running.cancel()
        await running.value
    }

    /// The connection as an `SQLDatabase`, running its queries as prepared statements when `preparing` and the URL
    /// does not turn them off. Migrations and the other transactions holding a ``DatabaseLock`` run unprepared: each
    /// of their texts runs once.
    private func database(on connection: PostgresConnection, preparing: Bool) -> any SQLDatabase {
        guard preparing, url.preparedStatements else { return connection.sql(logger: logger) }
        return PreparedStatementDatabase(connection: connection, logger: logger, names: statementNames)
    }

    private func runTransaction<T: Sendable>(
        lock: DatabaseLock?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try checkOpen()
        return try await client.withConnection { connection in
            try await database(on: connection, preparing: lock == nil).inTransaction(
                logger: logger, connectionLost: Self.isConnectionLost
            ) { db in
                if let lock {
                    // Scoped to the schema, so that deployments (and tests) sharing a database do not wait for
                    // each other; released by COMMIT or ROLLBACK.
                    try await db.raw(
                        "SELECT pg_advisory_xact_lock(\(literal: Int(lock.rawValue)), hashtext(coalesce(current_schema(), '')))"
                    ).run()
                }
                return try await body(db)
            }
        }
    }

    /// Runs `attempt` again when PostgreSQL aborted it to resolve a conflict with a concurrent transaction.
    private func retryingConflicts<T>(_ attempt: () async throws -> T) async throws -> T {
        var tries = 1
        while true {
            do {
                return try await attempt()
            } catch let error as PSQLError where tries < Self.attempts && Self.isRetryable(error) {
                tries += 1
                logger.debug("transaction retried", metadata: ["sqlState": "\(error.serverInfo?[.sqlState] ?? "")"])
            }
        }
    }

    /// Whether `error` says the connection is gone (closed, reset, the server shutting down).
    private static func isConnectionLost(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return error is ChannelError || error is IOError }
        guard error.code == .server else { return true }
        let state = error.serverInfo?[.sqlState] ?? ""
        return state.hasPrefix("08") || state.hasPrefix("57P")
    }

    /// `40001` serialization failure, `40P01` deadlock detected, and `23505` unique violation: a concurrent
    /// transaction committed the same unique value first (two users given one email at once), which the
    /// transaction's own checks see when it runs again, and answer with the core's error (``ServiceError/emailTaken(_:)``).
    private static func isRetryable(_ error: PSQLError) -> Bool {
        ["40001", "40P01", "23505"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    private func checkOpen() throws {
        if closed.load(ordering: .relaxed) { throw DatabaseClosedError() }
    }

    /// The server's message for `error` when it has one (PSQLError's description hides it), else the error.
    private static func summary(of error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// The store was closed: no more queries.
package struct DatabaseClosedError: Error, CustomStringConvertible {
    package var description: String { "the database connection is closed" }
}
