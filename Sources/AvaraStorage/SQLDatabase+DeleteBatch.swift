import SQLKit

extension SQLDatabase {
    /// Deletes at most `limit` rows of `table` matching `condition`, and answers how many it deleted.
    ///
    /// Purges run in bounded batches, so that a large backlog never holds SQLite's single writer (or PostgreSQL
    /// row locks) for long:
    ///
    /// ```swift
    /// let deleted = try await db.deleteBatch(
    ///     from: "sessions", keyedBy: ["session_hash"], where: "expires_at <= \(bind: cutoff)", limit: 1000
    /// )
    /// ```
    package func deleteBatch(
        from table: String, keyedBy keyColumns: [String], where condition: SQLQueryString, limit: Int
    ) async throws -> Int {
        let keys: SQLQueryString = "\(idents: keyColumns, joinedBy: ", ")"
        return try await raw(
            """
            DELETE FROM \(ident: table) WHERE (\(keys)) IN (
                SELECT \(keys) FROM \(ident: table) WHERE \(condition) LIMIT \(literal: max(1, limit))
            ) RETURNING 1 AS deleted
            """
        ).all().count
    }
}
