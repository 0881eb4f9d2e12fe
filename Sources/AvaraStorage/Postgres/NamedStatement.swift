import PostgresNIO

/// A query's text and binds as PostgresNIO's prepared statement, under the name ``PreparedStatementNames`` gave it.
///
/// PostgresNIO names a prepared statement and its SQL as static properties of its type (one type per statement,
/// written in the source). The service's texts are made at run time by SQLKit, so this one type reads them from a
/// task-local value that ``running(name:sql:_:)`` sets around the call to `PostgresConnection.execute(_:logger:)`,
/// which reads them before it sends anything (and again for its error's description).
struct NamedStatement: PostgresPreparedStatement {
    typealias Row = PostgresRow

    private struct Text: Sendable {
        var name = ""
        var sql = ""
    }

    @TaskLocal private static var current = Text()

    static var name: String { current.name }
    static var sql: String { current.sql }

    var bindings: PostgresBindings

    /// Runs `body`, which executes a `NamedStatement`, with `name` and `sql` as the statement's.
    static func running<T>(name: String, sql: String, _ body: () async throws -> T) async rethrows -> T {
        try await $current.withValue(Text(name: name, sql: sql), operation: body)
    }

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
