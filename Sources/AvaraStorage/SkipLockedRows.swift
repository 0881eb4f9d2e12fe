import SQLKit

/// `FOR UPDATE SKIP LOCKED` where the database locks rows (PostgreSQL); nothing on SQLite, whose single writer
/// already makes the claiming statement exclusive.
struct SkipLockedRows: SQLExpression {
    func serialize(to serializer: inout SQLSerializer) {
        guard let lock = serializer.dialect.exclusiveSelectLockExpression else { return }
        lock.serialize(to: &serializer)
        serializer.write(" SKIP LOCKED")
    }
}
