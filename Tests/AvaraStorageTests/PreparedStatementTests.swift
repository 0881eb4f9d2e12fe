import AvaraTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@testable import AvaraStorage

/// Queries run as prepared statements on PostgreSQL: what the server holds, what the answers are, and what happens
/// when a statement no longer fits the schema.
@Suite(
    "PostgreSQL prepared statements",
    .enabled(if: TestDatabase.postgresURL != nil, "AVARA_TEST_POSTGRES_URL unset: run scripts/test"))
struct PreparedStatementTests {
    private struct Visit: Codable, Equatable {
        var room: String
    }

    /// A store on `url` with one connection, so that every read sees the statements the previous ones prepared, and a
    /// table `visits` made without preparing anything.
    private static func open(_ url: PostgresURL) async throws -> PostgresDatabaseStore {
        let store = try await PostgresDatabaseStore.open(url: url, maximumConnections: 1, logger: Logger(label: "test"))
        try await store.transaction(holding: .migrations) { db in
            try await db.raw("CREATE TABLE visits (visit_id TEXT PRIMARY KEY, count INTEGER, note TEXT)").run()
        }
        return store
    }

    private static func prepared(_ store: PostgresDatabaseStore) async throws -> [String] {
        try await store.read { db in
            try await db.raw("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time").all()
                .map { try $0.decode(column: "statement", as: String.self) }
        }
    }

    private static func counts(_ store: PostgresDatabaseStore, _ id: String) async throws -> [Int] {
        try await store.read { db in
            try await db.select().column("count").from("visits").where("visit_id", .equal, id).all()
                .map { try $0.decode(column: "count", as: Int.self) }
        }
    }

    @Test("a read or transaction prepares its text once on a connection; with prepared_statements=false none is")
    func preparedOncePerConnection() async throws {
        try await PostgresDatabaseStoreTests.withSchema { url in
            for preparing in [true, false] {
                var options = url
                options.preparedStatements = preparing
                let store = try await Self.open(options)
                let note: String? = nil
                for (id, count) in [("a", 1), ("b", 2), ("c", 3)] {
                    try await store.transaction { db in
                        try await db.insert(into: "visits").columns("visit_id", "count", "note")
                            .values(SQLBind(id), SQLBind(count), SQLBind(note)).run()
                    }
                }
                #expect(try await Self.counts(store, "b") == [2])
                #expect(try await Self.counts(store, "c") == [3])
                let statements = try await Self.prepared(store)
                if preparing {
                    #expect(statements.filter { $0.hasPrefix("INSERT INTO \"visits\"") }.count == 1, "\(statements)")
                    #expect(statements.filter { $0.hasPrefix("SELECT \"count\"") }.count == 1, "\(statements)")
                } else {
                    #expect(statements.isEmpty, "\(statements)")
                }
                try await store.transaction(holding: .migrations) { db in try await db.raw("DROP TABLE visits").run() }
                try await store.close()
            }
        }
    }

    @Test("a bind PostgresNIO cannot encode itself (a Codable value, as JSON) runs unprepared, with the same answer")
    func codableBindRunsUnprepared() async throws {
        try await PostgresDatabaseStoreTests.withSchema { url in
            let store = try await Self.open(url)
            let room = try await store.read { db in
                try await db.raw("SELECT \(bind: Visit(room: "MRI 2"))::jsonb ->> 'room' AS room")
                    .first(decodingColumn: "room", as: String.self)
            }
            #expect(room == "MRI 2")
            #expect(try await Self.prepared(store).allSatisfy { !$0.contains("->> 'room'") })
            try await store.close()
        }
    }

    @Test("a statement whose result no longer fits the schema fails once, then its text runs unprepared")
    func changedSchemaRetiresTheStatement() async throws {
        try await PostgresDatabaseStoreTests.withSchema { url in
            let store = try await Self.open(url)
            try await store.transaction { db in
                try await db.raw("INSERT INTO visits (visit_id, count) VALUES ('a', 7)").run()
            }
            #expect(try await Self.counts(store, "a") == [7])
            // Another replica's migration changes the column's type under the prepared statement.
            try await store.transaction(holding: .migrations) { db in
                try await db.raw("ALTER TABLE visits ALTER COLUMN count TYPE BIGINT").run()
            }
            await #expect(throws: (any Error).self) { try await Self.counts(store, "a") }
            #expect(try await Self.counts(store, "a") == [7])
            #expect(try await Self.counts(store, "a") == [7])
            try await store.close()
        }
    }
}

@Suite("The names of prepared statements")
struct PreparedStatementNamesTests {
    @Test("one name per text and bind types, the same each time; past the capacity, none")
    func namesAndCapacity() {
        let names = PreparedStatementNames(capacity: 3)
        let first = names.name(for: "SELECT $1", bindTypes: [25])
        #expect(first != nil)
        #expect(names.name(for: "SELECT $1", bindTypes: [25]) == first)
        let null = names.name(for: "SELECT $1", bindTypes: [0])
        #expect(null != nil && null != first, "a NULL bind is typed by the server: another statement")
        #expect(names.name(for: "SELECT 2", bindTypes: []) != nil)
        #expect(names.name(for: "SELECT 3", bindTypes: []) == nil, "the fourth text runs unprepared")
        #expect(names.name(for: "SELECT $1", bindTypes: [25]) == first, "the named ones keep their names")
    }

    @Test("a retired name is not given again, for its text or another")
    func retired() throws {
        let names = PreparedStatementNames(capacity: 3)
        let name = try #require(names.name(for: "SELECT 1", bindTypes: []))
        names.retire(name)
        #expect(names.name(for: "SELECT 1", bindTypes: []) == nil)
        let other = names.name(for: "SELECT 2", bindTypes: [])
        #expect(other != nil && other != name)
    }
}
