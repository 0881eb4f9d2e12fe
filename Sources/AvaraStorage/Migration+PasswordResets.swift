import AvaraCore
import SQLKit

extension Migration {
    /// The links that reset a dashboard password: only a SHA-256 of each link's token is kept, with the email it
    /// resets (lowercased), its expiry and when it was used (once).
    package static let passwordResets = Migration(version: 20, name: "password resets") { db in
        try await db.create(table: "password_resets")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("email_key", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .orderedText, .notNull)
            .column("used_at", type: .text)
            .run()
        try await db.create(index: "password_resets_by_expiry").on("password_resets").column("expires_at").run()
    }
}
