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
        try await db.create(index: "login_failures_by_key").on("login_failures").column("throttle_key").column(
            "failed_at"
        )
        .run()
        try await db.create(index: "login_failures_expiry").on("login_failures").column("failed_at").run()
    }
}

extension Migration {
    /// Login attempts as one counter per throttle key, replacing `login_failures`: a counter can be raised and read
    /// in one statement (an upsert), so an attempt is counted before its password is checked and concurrent attempts
    /// on any replica cannot all pass the limit. Keys are SHA-256 hashes, as before.
    package static let loginAttempts = Migration(version: 8, name: "login attempts") { db in
        try await db.drop(table: "login_failures").run()
        try await db.create(table: "login_attempts")
            .column("throttle_key", type: .orderedText, .primaryKey(autoIncrement: false))
            .column("window_started_at", type: .orderedText, .notNull)
            .column("attempts", type: .bigint, .notNull)
            .run()
        try await db.create(index: "login_attempts_expiry").on("login_attempts").column("window_started_at").run()
    }
}
