import AvaraCore
import Foundation
import SQLKit

/// The sessions of ``SQLAccountRepository``: one row per session, keyed by the SHA-256 of its token.
extension SQLAccountRepository {
    package func startSession(_ session: NewSession, event: DomainEvent, replacing: String?) async throws -> Bool {
        try await store.transaction { db in
            // The user's row, locked by this update, decides: a change of access, a deactivation or a removal committed first
            // leaves nothing to update; one committing later waits for this transaction and then ends its sessions.
            let canSignIn = try await db.update("users")
                .set("last_login_at", to: Timestamp.string(event.createdAt))
                .where("user_id", .equal, session.userId)
                .where("has_dashboard_access", .equal, true)
                .where("active", .equal, true)
                .where("password_hash", .isNot, SQLLiteral.null)
                .returning("user_id")
                .all()
            guard !canSignIn.isEmpty else { return false }
            if let replacing {
                try await db.delete(from: "sessions").where("session_hash", .equal, replacing).run()
            }
            try await db.insert(into: "sessions")
                .columns("session_hash", "user_id", "created_at", "expires_at", "last_seen_at", "accounts")
                .values(
                    session.sessionHash, session.userId, Timestamp.string(session.createdAt),
                    Timestamp.string(session.expiresAt), Timestamp.string(event.createdAt),
                    session.accounts.joined(separator: ",")
                )
                .run()
            try await EventTable.append(event, in: db)
            return true
        }
    }

    package func session(hash sessionHash: String, now: Date) async throws -> StoredSession? {
        let row = try await store.read { db in
            try await Self.selectAccounts(in: db)
                .column(SQLColumn("created_at", table: "sessions"), as: "session_created_at")
                .column(SQLColumn("expires_at", table: "sessions"), as: "session_expires_at")
                .column(SQLColumn("last_seen_at", table: "sessions"), as: "session_last_seen_at")
                .column(SQLColumn("accounts", table: "sessions"), as: "session_accounts")
                .join(
                    "sessions", on: SQLColumn("user_id", table: "sessions"), .equal,
                    SQLColumn("user_id", table: "users")
                )
                .where(SQLColumn("session_hash", table: "sessions"), .equal, SQLBind(sessionHash))
                .first()
        }
        guard let row else { return nil }
        let account = try Self.account(from: row, now: now)
        let createdAt = Timestamp.date(try row.decode(column: "session_created_at", as: String.self)) ?? .distantPast
        let accounts = try row.decodeIfPresent(column: "session_accounts", as: String.self)?
            .split(separator: ",").map(String.init)
        return StoredSession(
            sessionHash: sessionHash, user: account.user, clinic: account.clinic, createdAt: createdAt,
            lastSeenAt: try row.decodeIfPresent(column: "session_last_seen_at", as: String.self).flatMap(Timestamp.date)
                ?? createdAt,
            expiresAt: Timestamp.date(try row.decode(column: "session_expires_at", as: String.self)) ?? .distantPast,
            accounts: accounts ?? [account.user.userId], hasPassword: account.passwordHash != nil
        )
    }

    package func touchSession(hash sessionHash: String, now: Date) async throws {
        try await store.transaction { db in
            try await db.update("sessions")
                .set("last_seen_at", to: Timestamp.string(now))
                .where("session_hash", .equal, sessionHash)
                .run()
        }
    }

    package func endSession(hash sessionHash: String) async throws {
        try await store.transaction { db in
            try await db.delete(from: "sessions").where("session_hash", .equal, sessionHash).run()
        }
    }

    package func changePassword(userId: String, passwordHash: String) async throws {
        try await store.transaction { db in
            try await db.update("users").set("password_hash", to: passwordHash).where("user_id", .equal, userId).run()
            try await db.delete(from: "sessions").where("user_id", .equal, userId).run()
        }
    }
}
