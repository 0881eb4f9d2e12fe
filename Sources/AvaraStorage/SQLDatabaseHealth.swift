import AvaraCore
import SQLKit

/// ``DatabaseHealth`` of a SQL database: it answers `SELECT 1`.
package struct SQLDatabaseHealth: DatabaseHealth {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func check() async throws {
        try await store.read { db in try await db.raw("SELECT 1").run() }
    }
}
