import AvaraCore
import Foundation
import SQLKit

/// ``AccountRepository`` over any SQLKit backend.
package struct SQLAccountRepository: AccountRepository {
    let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func invitation(tokenHash: String, now: Date) async throws -> InvitationLookup? {
        let row = try await store.read { db in
            try await Self.selectAccounts(in: db)
                .where(SQLColumn("token_hash", table: "invitations"), .equal, SQLBind(tokenHash))
                .first()
        }
        guard let row else { return nil }
        let account = try Self.account(from: row, now: now)
        return InvitationLookup(
            invitationId: try row.decode(column: "invitation_id", as: String.self), status: account.invitationStatus,
            expiresAt: account.user.invitation?.expiresAt ?? .distantPast, user: account.user, clinic: account.clinic
        )
    }

    package func accept(
        invitationId: String, tokenHash: String, passwordHash: String, now: Date, event: DomainEvent,
        ownerAccounts: (clinicId: String, emailKey: String)?
    ) async throws -> Bool {
        try await store.transaction { db in
            // The user's row first, locked as a change of the user locks it: a deactivation committed first
            // refuses the acceptance, one committing later waits for it.
            guard
                let userId = try await db.select().column("user_id").from("invitations")
                    .where("invitation_id", .equal, invitationId)
                    .first(decodingColumn: "user_id", as: String.self),
                try await db.select().column("active").from("users").where("user_id", .equal, userId)
                    .for(.update).first(decodingColumn: "active", as: Bool.self) == true
            else {
                return false
            }
            // One conditional update decides: only a pending, unexpired invitation with this very token flips.
            let accepted = try await db.update("invitations")
                .set("status", to: InvitationState.Status.accepted.rawValue)
                .set("accepted_at", to: Timestamp.string(now))
                .where("invitation_id", .equal, invitationId)
                .where("token_hash", .equal, tokenHash)
                .where("status", .equal, InvitationState.Status.pending.rawValue)
                .where("expires_at", .greaterThan, Timestamp.string(now))
                .returning("user_id")
                .all(decodingColumn: "user_id", as: String.self)
            guard let userId = accepted.first else { return false }
            try await db.update("users")
                .set("password_hash", to: passwordHash)
                .where("user_id", .equal, userId)
                .run()
            if let ownerAccounts {
                try await Self.acceptOwnerAccounts(
                    of: ownerAccounts, passwordHash: passwordHash, now: now, in: db)
            }
            try await EventTable.append(event, in: db)
            return true
        }
    }

    package func loginCandidates(email: String, product: Product?, now: Date) async throws -> [LoginCandidate] {
        let rows = try await store.read { db in
            let query = Self.selectAccounts(in: db)
                .where(SQLColumn("email_key", table: "users"), .equal, SQLBind(email.lowercased()))
            if let product {
                query.where(SQLColumn("product", table: "users"), .equal, SQLBind(product.rawValue))
            }
            return try await query.all()
        }
        return try rows.map { try Self.account(from: $0, now: now) }
    }

    package func account(userId: String, now: Date) async throws -> LoginCandidate? {
        let row = try await store.read { db in
            try await Self.selectAccounts(in: db).where(SQLColumn("user_id", table: "users"), .equal, SQLBind(userId))
                .first()
        }
        return try row.map { try Self.account(from: $0, now: now) }
    }
}

extension SQLAccountRepository {
    /// Accepts, with `passwordHash`, the owner accounts of `owner` whose invitation is pending and has no email.
    private static func acceptOwnerAccounts(
        of owner: (clinicId: String, emailKey: String), passwordHash: String, now: Date, in db: any SQLDatabase
    ) async throws {
        let opened = try await db.raw(
            """
            UPDATE invitations SET status = \(bind: InvitationState.Status.accepted.rawValue),
                accepted_at = \(bind: Timestamp.string(now))
            WHERE status = \(bind: InvitationState.Status.pending.rawValue) AND email_status IS NULL
              AND user_id IN (
                SELECT user_id FROM users WHERE clinic_id = \(bind: owner.clinicId)
                  AND email_key = \(bind: owner.emailKey) AND level = \(bind: Permissions.ownerLevel)
                  AND password_hash IS NULL)
            RETURNING user_id
            """
        ).all(decodingColumn: "user_id", as: String.self)
        guard !opened.isEmpty else { return }
        try await db.update("users").set("password_hash", to: passwordHash)
            .where("user_id", .in, opened).run()
    }
}
