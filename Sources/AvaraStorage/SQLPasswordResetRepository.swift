import AvaraCore
import Foundation
import SQLKit

/// ``PasswordResetRepository`` over any SQLKit backend.
package struct SQLPasswordResetRepository: PasswordResetRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func create(_ reset: PasswordReset, email: OutboxMessage) async throws {
        try await store.transaction { db in
            try await db.insert(into: "password_resets")
                .columns("token_hash", "email_key", "created_at", "expires_at")
                .values(
                    reset.tokenHash, reset.emailKey, Timestamp.string(reset.createdAt),
                    Timestamp.string(reset.expiresAt)
                )
                .run()
            try await SQLOutboxRepository.enqueue([email], in: db)
        }
    }

    package func reset(tokenHash: String, now: Date) async throws -> PasswordReset? {
        let row = try await store.read { db in
            try await db.select().columns("token_hash", "email_key", "created_at", "expires_at")
                .from("password_resets")
                .where("token_hash", .equal, tokenHash)
                .where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, Timestamp.string(now))
                .first()
        }
        guard let row else { return nil }
        return PasswordReset(
            tokenHash: tokenHash, emailKey: try row.decode(column: "email_key", as: String.self),
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
            expiresAt: Timestamp.date(try row.decode(column: "expires_at", as: String.self)) ?? .distantPast
        )
    }

    package func complete(tokenHash: String, passwordHash: String, now: Date) async throws -> [String]? {
        try await store.transaction { db in
            // One conditional update decides: a link is used once, before its expiry.
            let used = try await db.update("password_resets")
                .set("used_at", to: Timestamp.string(now))
                .where("token_hash", .equal, tokenHash)
                .where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, Timestamp.string(now))
                .returning("email_key")
                .all(decodingColumn: "email_key", as: String.self)
            guard let emailKey = used.first else { return nil }
            let changed = try await db.update("users")
                .set("password_hash", to: passwordHash)
                .where("email_key", .equal, emailKey)
                .where("has_dashboard_access", .equal, true)
                .where("password_hash", .isNot, SQLLiteral.null)
                .returning("user_id")
                .all(decodingColumn: "user_id", as: String.self)
            if !changed.isEmpty {
                try await db.delete(from: "sessions").where("user_id", .in, changed).run()
            }
            return changed
        }
    }
}
