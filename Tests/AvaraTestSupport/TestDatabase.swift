import AvaraCore
import AvaraMail
import AvaraService
import AvaraStorage
import Foundation
import Logging
import SQLKit

/// The database each test's service gets: SQLite unless `AVARA_TEST_DATABASE=postgres`, which runs the whole suite
/// on the PostgreSQL server of `AVARA_TEST_POSTGRES_URL` (`scripts/test` starts one and runs the suite both ways).
///
/// On PostgreSQL every service gets a schema of its own (`?schema=t_…`), so tests running in parallel never see each
/// other's rows; it is dropped afterwards.
package enum TestDatabase {
    /// The test PostgreSQL server, e.g. `postgres://avara@127.0.0.1:54321/avara?sslmode=disable`.
    package static var postgresURL: String? {
        ProcessInfo.processInfo.environment["AVARA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the suite runs on PostgreSQL.
    package static var usesPostgres: Bool {
        ProcessInfo.processInfo.environment["AVARA_TEST_DATABASE"] == "postgres"
    }

    /// The `--database` value of a fresh database: a file in `folder`, or a new schema on the test server.
    package static func fresh(in folder: URL) throws -> String {
        guard usesPostgres else { return folder.appendingPathComponent("avara.sqlite").path }
        guard let base = postgresURL else { throw MissingPostgresURL() }
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
    }

    /// Closes the environment's store, dropping its schema first on PostgreSQL.
    package static func drop(_ environment: ServiceEnvironment) async {
        if case .postgres(let url)? = try? environment.configuration.databaseLocation(), let schema = url.schema {
            let drop: @Sendable (any SQLDatabase) async throws -> Void = { db in
                try await db.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
            }
            do {
                try await environment.store.transaction(drop)
            } catch {
                // The test closed the store itself: drop through a new connection.
                if let store = try? await PostgresDatabaseStore.open(url: url, logger: Logger(label: "avara-tests")) {
                    try? await store.transaction(drop)
                    try? await store.close()
                }
            }
        }
        try? await environment.store.close()
    }
}

/// `AVARA_TEST_DATABASE=postgres` without `AVARA_TEST_POSTGRES_URL`.
package struct MissingPostgresURL: Error, CustomStringConvertible {
    package var description: String { "AVARA_TEST_DATABASE=postgres needs AVARA_TEST_POSTGRES_URL" }
}
