import PostgresNIO
import Synchronization

/// The names of the prepared statements a ``PostgresDatabaseStore`` uses, one per query text and bind types, the
/// same on every connection of its pool.
///
/// Each connection keeps the statements it has prepared until it closes (PostgresNIO offers no way to drop one), so
/// the number of names is bounded: past ``capacity`` texts, a new text runs unprepared. The service's queries are
/// a few dozen shapes; a text that embeds a value (SQLKit writes `LIMIT 26` as is) makes one shape per value.
///
/// A name is retired when PostgreSQL answers that its statement no longer fits the schema (a column's type changed
/// by another replica's migration: "cached plan must not change result type"), or that the statement is unknown:
/// the connections that prepared it would fail the same way on every later use, so the text runs unprepared from
/// then on.
final class PreparedStatementNames: Sendable {
    /// The most texts named.
    let capacity: Int

    private struct State {
        var names: [Key: String] = [:]
        var retired: Set<String> = []
        var count = 0
    }

    private struct Key: Hashable {
        var sql: String
        var bindTypes: [UInt32]
    }

    private let state = Mutex(State())

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The statement's name for `sql` with binds of `bindTypes` (a statement's parameters are typed when it is
    /// prepared); `nil` when the text is to run unprepared.
    func name(for sql: String, bindTypes: [UInt32]) -> String? {
        state.withLock { state in
            let key = Key(sql: sql, bindTypes: bindTypes)
            if let name = state.names[key] { return state.retired.contains(name) ? nil : name }
            guard state.count < capacity else { return nil }
            state.count += 1
            let name = "avara_\(state.count)"
            state.names[key] = name
            return name
        }
    }

    /// Runs the text named `name` unprepared from now on.
    func retire(_ name: String) {
        _ = state.withLock { $0.retired.insert(name) }
    }

    /// Whether PostgreSQL's `error` means the statement can no longer be used on the connection that prepared it:
    /// SQLSTATE class `0A` (feature not supported: "cached plan must not change result type"), `26` (invalid
    /// statement name) or `42` (syntax error or access rule violation: a table or column gone).
    static func invalidates(_ error: PSQLError) -> Bool {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return ["0A", "26", "42"].contains(String(state.prefix(2)))
    }
}
