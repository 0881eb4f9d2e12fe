import SQLKit

extension SQLRow {
    /// The column's value, or `nil` for NULL: what `decode(column:as: T?.self)` gives, without decoding a NULL.
    ///
    /// PostgresKit decodes every cell through its generic path, a NULL as dearly as a value; most optional columns
    /// of a user are NULL (suffixes, phone, NPI, last login, the provider's ids), and skipping them took a fifth off
    /// a PostgreSQL page of users (`scripts/bench`, users-page-postgres). A column the query did not select still
    /// throws, as `decode` does.
    ///
    /// ```swift
    /// let phone = try row.decodeIfPresent(column: "phone_number", as: String.self)  // nil when NULL
    /// ```
    package func decodeIfPresent<T: Decodable>(column: String, as type: T.Type) throws -> T? {
        guard contains(column: column) else { return try decode(column: column, as: T?.self) }
        return try decodeNil(column: column) ? nil : decode(column: column, as: T.self)
    }
}
