import AvaraCore
import SQLKit

extension Migration {
    /// Failed logins, counted by ``LoginThrottle`` per account and per client address, in the database so that every
    /// replica sees the same counts. Keys are SHA-256 hashes: no email or address is stored for an attempt.
    package static let loginFailures = Migration(version: 6, name: "login failures") { db in
        try await db.create(table: "login_failures")
            .column("throttle_key", type: .orderedText, .notNull)
            .column("failed_at", type: .orderedText, .notNull)
            .run()
        try await db.create(index: "login_failures_by_key").on("login_failures").column("throttle_key").column("failed_at")
            .run()
        try await db.create(index: "login_failures_expiry").on("login_failures").column("failed_at").run()
    }
}
