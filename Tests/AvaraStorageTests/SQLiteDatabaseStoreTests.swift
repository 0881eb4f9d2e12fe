import Foundation
import Logging
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraStorage

@Suite("The SQLite store")
struct SQLiteDatabaseStoreTests {
    static func withStore(_ body: (SQLiteDatabaseStore, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("avara-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("avara.sqlite").path
        let store = try await SQLiteDatabaseStore.open(path: path, logger: Logger(label: "test"))
        try await body(store, folder)
        try await store.close()
    }

    @Test("closing from a cancelled task (a server stopped by cancellation) still closes every connection")
    func closeInCancelledTask() async throws {
        try await Self.withStore { store, _ in
            let closing = Task {
                while !Task.isCancelled { await Task.yield() }
                try await store.close()
            }
            closing.cancel()
            try await closing.value
            await #expect(throws: (any Error).self) {
                try await store.read { db in try await db.raw("SELECT 1").run() }
            }
        }
    }

    @Test("the database file and its WAL are readable by their owner only (0600), and an older 0644 file is restricted")
    func filePermissions() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("avara-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = folder.appendingPathComponent("fresh.sqlite").path
        let older = folder.appendingPathComponent("older.sqlite").path
        #expect(FileManager.default.createFile(atPath: older, contents: nil, attributes: [.posixPermissions: 0o644]))
        for path in [fresh, older] {
            let store = try await SQLiteDatabaseStore.open(path: path, logger: Logger(label: "test"))
            try await store.transaction { db in
                try await db.raw("CREATE TABLE t (x TEXT)").run()
                try await db.raw("INSERT INTO t VALUES ('someone@hospital.org')").run()
            }
            for file in [path, path + "-wal", path + "-shm"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: file)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(file)")
            }
            try await store.close()
        }
    }

    @Test("closing twice is harmless")
    func closeTwice() async throws {
        try await Self.withStore { store, _ in
            try await store.close()
            try await store.close()
        }
    }

    @Test("the database runs in WAL mode with full synchronous commits, and zeroes what a change frees")
    func walAndFullSync() async throws {
        try await Self.withStore { store, folder in
            let mode = try await store.transaction { db in
                try await db.raw("PRAGMA journal_mode").first(decodingColumn: "journal_mode", as: String.self)
            }
            let synchronous = try await store.transaction { db in
                try await db.raw("PRAGMA synchronous").first(decodingColumn: "synchronous", as: Int.self)
            }
            let secureDelete = try await store.transaction { db in
                try await db.raw("PRAGMA secure_delete").first(decodingColumn: "secure_delete", as: Int.self)
            }
            #expect(mode == "wal")
            #expect(synchronous == 2, "2 is FULL")
            #expect(secureDelete == 1, "freed bytes (a sent email's link) are zeroed")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("avara.sqlite-wal").path))
        }
    }

    @Test("committed pages reach the database file without the writer checkpointing (it waits for 10,000 pages)")
    func backgroundCheckpoints() async throws {
        try await Self.withStore { store, folder in
            let database = folder.appendingPathComponent("avara.sqlite").path
            let threshold = try await store.transaction { db in
                try await db.raw("PRAGMA wal_autocheckpoint").first(decodingColumn: "wal_autocheckpoint", as: Int.self)
            }
            #expect(threshold == 10_000)
            func fileSize() throws -> Int {
                (try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
            }
            let before = try fileSize()
            try await store.transaction { db in
                try await db.raw("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)").run()
                for id in 0..<100 {
                    try await db.raw(
                        "INSERT INTO filler (id, text) VALUES (\(bind: id), \(bind: String(repeating: "x", count: 1_000)))"
                    ).run()
                }
            }
            // About 30 pages in the log, far below the writer's threshold: only the checkpointer copies them.
            var after = try fileSize()
            for _ in 0..<500 where after <= before {
                try await Task.sleep(for: .milliseconds(20))
                after = try fileSize()
            }
            #expect(after > before + 50_000)
        }
    }

    @Test("a failed transaction leaves nothing behind")
    func rollback() async throws {
        try await Self.withStore { store, _ in
            try await StoreChecks.failedTransactionLeavesNothing(store)
        }
    }

    @Test("migrating twice changes nothing")
    func migrationsAreIdempotent() async throws {
        try await Self.withStore { store, _ in
            try await Migrator.migrate(store, clock: SystemClock(), logger: Logger(label: "test"))
            try await Migrator.migrate(store, clock: SystemClock(), logger: Logger(label: "test"))
            let tables = try await store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'users'")
                    .first(decodingColumn: "n", as: Int.self)
            }
            #expect(tables == 1)
        }
    }
}
