import AvaraCore
import SQLKit

extension Migration {
    /// What accepting an invitation and logging in need: a password (bcrypt) on the user, when the invitation was
    /// accepted, and login sessions (only a SHA-256 of each session token is kept).
    package static let accounts = Migration(version: 3, name: "accounts") { db in
        try await db.alter(table: "users").column("password_hash", type: .text).run()
        try await db.alter(table: "invitations").column("accepted_at", type: .text).run()
        try await db.create(table: "sessions")
            .column("session_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .text, .notNull, .references("users", "user_id"))
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .orderedText, .notNull)
            .run()
        try await db.create(index: "sessions_by_user").on("sessions").column("user_id").run()
    }
}
