import AvaraCore
import SQLKit

/// ``DatabaseHealth`` of a SQL database: no write failed on a full disk in the last minute (``StorageFaults``), and
/// it answers a read and completes a write, each within a few seconds.
///
/// The write probe rewrites one row of `schema_migrations` as it is: on SQLite it goes through the single writer,
/// so a stuck writer shows; it is small enough for a load balancer asking every few seconds.
package struct SQLDatabaseHealth: DatabaseHealth {
    private let store: any DatabaseStore
    private let readTimeout: Duration
    private let writeTimeout: Duration

    package init(store: any DatabaseStore, readTimeout: Duration = .seconds(2), writeTimeout: Duration = .seconds(5)) {
        self.store = store
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
    }

    package func readiness() async -> Readiness {
        if store.faults.isFull { return .storageFull }
        do {
            try await Deadline.run(after: readTimeout) {
                try await store.read { db in try await db.raw("SELECT 1").run() }
            }
        } catch {
            return .databaseUnavailable
        }
        do {
            try await Deadline.run(after: writeTimeout) {
                try await store.transaction { db in
                    try await db.raw(
                        """
                        UPDATE schema_migrations SET name = name
                        WHERE version = (SELECT MIN(version) FROM schema_migrations)
                        """
                    ).run()
                }
            }
        } catch ServiceError.storageFull {
            return .storageFull
        } catch {
            return .writesStuck
        }
        return .ready
    }
}
