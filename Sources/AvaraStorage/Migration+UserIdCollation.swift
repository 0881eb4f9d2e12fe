import AvaraCore
import SQLKit

extension Migration {
    /// The columns that refer to a user get the collation of `users.user_id` (``SQLDataType/orderedText``).
    ///
    /// On PostgreSQL they had the database's collation while `users.user_id` has `"C"`: a join of the two compared
    /// them under `"C"`, which their indexes (built under the other collation) cannot serve, so every join of users
    /// with their invitations read the whole `invitations` table (a page of users took 17 ms at 10,000 users, and
    /// more as the clinic grew). SQLite compares text by bytes already: nothing to do there.
    package static let userIdCollation = Migration(version: 21, name: "user id collation") { db in
        guard db.dialect.isPostgreSQL else { return }
        for table in ["invitations", "outbox", "sessions"] {
            try await db.raw("ALTER TABLE \(ident: table) ALTER COLUMN user_id TYPE TEXT COLLATE \"C\"").run()
        }
    }
}
