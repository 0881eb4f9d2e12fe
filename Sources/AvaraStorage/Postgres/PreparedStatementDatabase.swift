import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// One PostgreSQL connection as an `SQLDatabase` that runs each query as a named prepared statement, so that the
/// server parses and plans a query's text once per connection rather than on every request.
///
/// Planning is most of what PostgreSQL spends on the service's short queries (0.6 ms to plan the dashboard's
/// session lookup, a join of four tables, against 0.06 ms to run it). PostgresNIO prepares a statement on a
/// connection the first time it runs there and binds it afterwards; ``PreparedStatementNames`` names each text (and
/// the types of its binds) once for all connections.
///
/// A query runs unprepared, as PostgresKit runs it, when a bind is not one of PostgresNIO's own types (PostgresKit
/// encodes those through `Codable`) or when ``PreparedStatementNames`` has no name for it.
///
/// ```swift
/// let db = PreparedStatementDatabase(connection: connection, logger: logger, names: names)
/// let rows = try await db.select().column("email").from("users").where("user_id", .equal, id).all()
/// ```
struct PreparedStatementDatabase: SQLDatabase {
    private let connection: PostgresConnection
    /// PostgresKit's database on the same connection: the dialect, and the queries that run unprepared.
    private let unprepared: any SQLDatabase
    private let names: PreparedStatementNames

    init(connection: PostgresConnection, logger: Logger, names: PreparedStatementNames) {
        self.connection = connection
        self.unprepared = connection.sql(logger: logger)
        self.names = names
    }

    var logger: Logger { unprepared.logger }
    var eventLoop: any EventLoop { unprepared.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { unprepared.version }
    var dialect: any SQLDialect { unprepared.dialect }
    var queryLogLevel: Logger.Level? { unprepared.queryLogLevel }

    /// SQLKit's older interface, which the service does not use: runs the query unprepared.
    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        unprepared.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard let (bindings, types) = PostgresBindings.encoding(binds),
            let name = names.name(for: sql, bindTypes: types)
        else {
            return try await unprepared.execute(sql: query, onRow)
        }
        if let queryLogLevel {
            logger.log(level: queryLogLevel, "Executing query", metadata: ["sql": "\(sql)", "statement": "\(name)"])
        }
        do {
            try await NamedStatement.running(name: name, sql: sql) {
                let rows = try await connection.execute(NamedStatement(bindings: bindings), logger: logger)
                for try await row in rows { onRow(row.sql()) }
            }
        } catch let error as PSQLError {
            if PreparedStatementNames.invalidates(error) { names.retire(name) }
            throw error
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
