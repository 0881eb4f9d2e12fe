import AvaraSupport
import AvaraTestSupport
import Foundation
import Logging
import SQLKit
import Testing
import _ConnectionPoolModule

@testable import AvaraCore
@testable import AvaraStorage

/// The PostgreSQL store itself, on the test server of `AVARA_TEST_POSTGRES_URL` (whichever backend the rest of the
/// suite runs on).
@Suite(
    "The PostgreSQL store",
    .enabled(if: TestDatabase.postgresURL != nil, "AVARA_TEST_POSTGRES_URL unset: run scripts/test"))
struct PostgresDatabaseStoreTests {
    /// The URL of a new schema on the test server, dropped after `body`.
    static func withSchema(_ body: (PostgresURL) async throws -> Void) async throws {
        let base = try #require(TestDatabase.postgresURL)
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let url = try PostgresURL(base + (base.contains("?") ? "&" : "?") + "schema=\(schema)")
        do {
            try await body(url)
        } catch {
            try await drop(url)
            throw error
        }
        try await drop(url)
    }

    private static func drop(_ url: PostgresURL) async throws {
        let store = try await PostgresDatabaseStore.open(url: url, logger: Logger(label: "test"))
        try await store.transaction { db in try await db.raw("DROP SCHEMA \(ident: url.schema ?? "") CASCADE").run() }
        try await store.close()
    }

    @Test("two replicas migrating one new database at the same time apply each migration exactly once")
    func concurrentMigrations() async throws {
        try await Self.withSchema { url in
            let stores = [
                try await PostgresDatabaseStore.open(url: url, logger: Logger(label: "a")),
                try await PostgresDatabaseStore.open(url: url, logger: Logger(label: "b")),
            ]
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for store in stores {
                    group.addTask { try await Migrator.migrate(store, logger: Logger(label: "test")) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(applied.sorted() == Migration.all.map(\.version), "each version applied by exactly one of them")
            let recorded = try await stores[0].read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM schema_migrations").first(decodingColumn: "n", as: Int.self)
            }
            #expect(recorded == Migration.all.count)
            for store in stores { try await store.close() }
        }
    }

    @Test("a failed transaction leaves nothing behind, and a closed store refuses queries")
    func rollbackAndClose() async throws {
        try await Self.withSchema { url in
            let store = try await PostgresDatabaseStore.open(url: url, logger: Logger(label: "test"))
            try await StoreChecks.failedTransactionLeavesNothing(store)
            try await store.close()
            try await store.close()
            await #expect(throws: DatabaseClosedError.self) {
                try await store.read { db in try await db.raw("SELECT 1").run() }
            }
        }
    }

    @Test("the ordered columns compare byte by byte whatever the database's collation")
    func orderedColumnsUseByteOrder() async throws {
        try await Self.withSchema { url in
            let store = try await PostgresDatabaseStore.open(url: url, logger: Logger(label: "test"))
            try await Migrator.migrate(store, logger: Logger(label: "test"))
            let collations = try await store.read { db in
                try await db.raw(
                    """
                    SELECT table_name || '.' || column_name AS name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND collation_name = 'C' ORDER BY 1
                    """
                ).all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(
                Set(collations).isSuperset(of: [
                    "users.created_at", "users.user_id", "invitations.expires_at", "outbox.next_attempt_at",
                    "outbox.claimed_until", "sessions.expires_at", "idempotency_outcomes.expires_at",
                ]))
            try await store.close()
        }
    }
}

@Suite("PostgreSQL availability")
struct PostgresAvailabilityTests {
    @Test("where the test script provides PostgreSQL (AVARA_TEST_REQUIRE_POSTGRES=1), it is configured and answers")
    func requiredServerAnswers() async throws {
        guard ProcessInfo.processInfo.environment["AVARA_TEST_REQUIRE_POSTGRES"] == "1" else { return }
        let text = try #require(
            TestDatabase.postgresURL, "AVARA_TEST_POSTGRES_URL must be set: PostgreSQL tests would be skipped")
        let store = try await PostgresDatabaseStore.open(
            url: try PostgresURL(text), connectTimeout: .seconds(10), logger: Logger(label: "test"))
        let one = try await store.read { db in
            try await db.raw("SELECT 1 AS n").first(decodingColumn: "n", as: Int.self)
        }
        #expect(one == 1)
        try await store.close()
    }

    @Test("the pool refusing at once after failing to connect for a while (a long outage) is unavailable, not a 500")
    func circuitBreakerIsUnavailable() async throws {
        let text = try #require(TestDatabase.postgresURL)
        let store = try await PostgresDatabaseStore.open(url: try PostgresURL(text), logger: Logger(label: "test"))
        // Seen after 90 s of PostgreSQL down: some invites answered 500 with this error until it was mapped.
        #expect(
            store.translated(_ConnectionPoolModule.ConnectionPoolError.connectionCreationCircuitBreakerTripped)
                as? ServiceError
                == .databaseUnavailable(retryAfter: 2))
        #expect(
            store.translated(_ConnectionPoolModule.ConnectionPoolError.poolShutdown) as? ServiceError
                == .databaseUnavailable(retryAfter: 2))
        #expect(
            store.translated(_ConnectionPoolModule.ConnectionPoolError.requestCancelled)
                is _ConnectionPoolModule.ConnectionPoolError)
        try await store.close()
    }

    @Test("a server that does not answer is reported clearly, without the password, after the start's own timeout")
    func unreachableServer() async throws {
        try await SilentTCPServer.with(greeting: "") { port in
            let url = try PostgresURL("postgres://avara:topsecret@127.0.0.1:\(port)/avara?sslmode=disable")
            let error = try await #require(throws: ConfigurationError.self) {
                // A request's deadline is shorter than the start's: the start waits for its own.
                try await PostgresDatabaseStore.open(
                    url: url, connectTimeout: .seconds(3), operationTimeout: .milliseconds(500),
                    logger: Logger(label: "test")
                )
            }
            #expect(
                error.description.contains(
                    "cannot use the PostgreSQL database postgres://avara@127.0.0.1:\(port)/avara"))
            #expect(error.description.contains("no answer within 3"))
            #expect(!error.description.contains("topsecret"))
        }
    }
}
