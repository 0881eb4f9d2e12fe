import AvaraCore
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// The server backend: a PostgreSQL database shared by any number of replicas of the service.
///
/// Connections come from PostgresNIO's `PostgresClient` pool. The store runs the client's `run()` from
/// ``open(url:maximumConnections:logger:)`` until ``close()`` (which `avara serve` calls last, once the HTTP server
/// and the background services have stopped), so that migrations and one-shot commands can use it like SQLite.
/// Transactions run at PostgreSQL's default `READ COMMITTED` isolation; the repositories lock the rows they
/// read before changing them, and a transaction the server aborts to break a deadlock is run again.
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

    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let closed = Atomic<Bool>(false)
    private let logger: Logger

    /// How often a transaction aborted by a deadlock or a serialization failure is tried in all.
    private static let attempts = 5

    private init(url: PostgresURL, client: PostgresClient, logger: Logger) {
        self.url = url
        self.client = client
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
        url: PostgresURL, maximumConnections: Int = 20, connectTimeout: Duration = .seconds(30), logger: Logger
    ) async throws -> PostgresDatabaseStore {
        let client = PostgresClient(
            configuration: try url.clientConfiguration(maximumConnections: maximumConnections), backgroundLogger: logger
        )
        let store = PostgresDatabaseStore(url: url, client: client, logger: logger)
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

    /// Fails with a clear message, rather than waiting forever, when the server does not answer.
    private func checkConnection(timeout: Duration) async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.read { db in try await db.raw("SELECT 1").run() } }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw ConfigurationError("no answer within \(timeout)")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            throw ConfigurationError("cannot use the PostgreSQL database \(url): \(Self.summary(of: error))")
        }
    }

    package func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try checkOpen()
        return try await client.withConnection { connection in
            try await body(connection.sql(logger: logger))
        }
    }

    package func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await retryingConflicts { try await self.runTransaction(lock: nil, body) }
    }

    package func transaction<T: Sendable>(
        holding lock: DatabaseLock, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await retryingConflicts { try await self.runTransaction(lock: lock, body) }
    }

    /// Stops the connection pool and waits until every connection is closed; later calls do nothing.
    package func close() async throws {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        running.cancel()
        await running.value
    }

    private func runTransaction<T: Sendable>(
        lock: DatabaseLock?, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try checkOpen()
        return try await client.withConnection { connection in
            try await connection.sql(logger: logger).inTransaction(logger: logger) { db in
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

    /// `40001` serialization failure, `40P01` deadlock detected.
    private static func isRetryable(_ error: PSQLError) -> Bool {
        ["40001", "40P01"].contains(error.serverInfo?[.sqlState] ?? "")
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
