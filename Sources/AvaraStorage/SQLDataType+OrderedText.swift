import AvaraCore
import SQLKit

extension SQLDataType {
    /// Text that compares and sorts byte by byte on every backend: timestamps (``Timestamp``) and ids that range
    /// queries, cursors and `ORDER BY` compare.
    ///
    /// SQLite compares `TEXT` by bytes already; PostgreSQL would use the database's collation (a locale such as
    /// `en_US.UTF-8` orders punctuation differently), so there the column gets `COLLATE "C"`.
    package static var orderedText: SQLDataType {
        .custom(OrderedTextType())
    }
}

/// `TEXT`, plus `COLLATE "C"` on PostgreSQL.
private struct OrderedTextType: SQLExpression {
    package func serialize(to serializer: inout SQLSerializer) {
        serializer.write("TEXT")
        if serializer.dialect.isPostgreSQL {
            serializer.write(#" COLLATE "C""#)
        }
    }
}

extension SQLDialect {
    /// Whether statements go to PostgreSQL (whose SQL this storage writes differently in a few places).
    var isPostgreSQL: Bool { name == "postgresql" }
}
