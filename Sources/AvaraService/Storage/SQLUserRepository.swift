import Foundation
import SQLKit

/// ``UserRepository`` over any SQLKit backend.
package struct SQLUserRepository: UserRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func insertInvites(_ invites: [NewInvite]) async throws -> [InviteOutcome] {
        guard !invites.isEmpty else { return [] }
        return try await store.transaction { db in
            // One statement for the whole batch; the unique (clinic, product, email_key) constraint decides
            // which rows go in, so two concurrent invites of one email can never both succeed.
            var insertUsers = db.insert(into: "users").columns(UserColumns.all)
            for invite in invites {
                insertUsers = insertUsers.values(UserColumns.values(of: invite.user))
            }
            let insertedIds = Set(
                try await insertUsers.ignoringConflicts()
                    .returning("user_id")
                    .all(decodingColumn: "user_id", as: String.self)
            )
            let accepted = invites.filter { insertedIds.contains($0.user.userId) }
            if !accepted.isEmpty {
                try await insertInvitations(of: accepted, into: db)
                try await insertEmails(of: accepted, into: db)
            }
            return invites.map { insertedIds.contains($0.user.userId) ? .created($0.user) : .duplicateEmail }
        }
    }

    private func insertInvitations(of invites: [NewInvite], into db: any SQLDatabase) async throws {
        var insert = db.insert(into: "invitations")
            .columns("invitation_id", "user_id", "token_hash", "status", "created_at", "expires_at")
        for invite in invites {
            let invitation = invite.invitation
            insert = insert.values(
                invitation.invitationId, invite.user.userId, invitation.tokenHash, "pending",
                Timestamp.string(invitation.createdAt), Timestamp.string(invitation.expiresAt)
            )
        }
        try await insert.run()
    }

    private func insertEmails(of invites: [NewInvite], into db: any SQLDatabase) async throws {
        var insert = db.insert(into: "outbox")
            .columns(
                "message_id", "user_id", "recipient", "message", "status", "attempts", "created_at", "next_attempt_at"
            )
        for invite in invites {
            let email = invite.email
            let created = Timestamp.string(email.createdAt)
            insert = insert.values(
                email.messageId, email.userId, email.recipient, email.payload, OutboxStatus.queued.rawValue, 0,
                created, created
            )
        }
        try await insert.run()
    }

    package func user(id: String, clinicId: String) async throws -> UserRecord? {
        try await store.read { db in
            try await db.select().columns(UserColumns.all.map { SQLColumn($0) }).from("users")
                .where("user_id", .equal, id)
                .where("clinic_id", .equal, clinicId)
                .first()
                .map(UserColumns.record(from:))
        }
    }

    package func count(clinicId: String, product: Product) async throws -> Int {
        try await store.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
                .where("clinic_id", .equal, clinicId)
                .where("product", .equal, product.rawValue)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }
}
