import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraStorage

/// What every ``DatabaseStore`` must do, checked the same way on each backend.
enum StoreChecks {
    /// A transaction that fails half-way leaves nothing of its first half behind.
    static func failedTransactionLeavesNothing(_ store: any DatabaseStore) async throws {
        try await store.transaction { db in try await db.raw("CREATE TABLE t (x INTEGER)").run() }
        await #expect(throws: (any Error).self) {
            try await store.transaction { db in
                try await db.raw("INSERT INTO t VALUES (1)").run()
                try await db.raw("INSERT INTO nowhere VALUES (1)").run()
            }
        }
        let count = try await store.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM t").first(decodingColumn: "n", as: Int.self)
        }
        #expect(count == 0)
    }
}
