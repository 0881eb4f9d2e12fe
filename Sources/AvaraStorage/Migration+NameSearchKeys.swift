import AvaraCore
import SQLKit

extension Migration {
    /// First and last names folded to lower case by the service (``UserRecord/searchKey(_:)``), so that `?q=`
    /// matches in every script, not only ASCII (SQLite's `lower()`), and the same way on both databases.
    ///
    /// Existing users get their keys here, in batches.
    package static let nameSearchKeys = Migration(version: 11, name: "name search keys") { db in
        try await db.alter(table: "users").column("first_name_key", type: .text).run()
        try await db.alter(table: "users").column("last_name_key", type: .text).run()
        while true {
            let rows = try await db.select().columns("user_id", "first_name", "last_name").from("users")
                .where(SQLIdentifier("first_name_key"), .is, SQLLiteral.null)
                .limit(1000)
                .all()
            if rows.isEmpty { break }
            for row in rows {
                try await db.update("users")
                    .set(
                        "first_name_key",
                        to: UserRecord.searchKey(try row.decode(column: "first_name", as: String.self))
                    )
                    .set(
                        "last_name_key", to: UserRecord.searchKey(try row.decode(column: "last_name", as: String.self))
                    )
                    .where("user_id", .equal, try row.decode(column: "user_id", as: String.self))
                    .run()
            }
        }
    }
}
