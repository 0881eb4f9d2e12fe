import Foundation
import SQLKit

/// ``InvitationRepository`` over any SQLKit backend.
package struct SQLInvitationRepository: InvitationRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func renew(
        userId: String, clinicId: String, product: Product, now: Date,
        renewal: @Sendable (UserRecord) throws -> InvitationRenewal
    ) async throws -> InvitationChange {
        try await store.transaction { db in
            guard let (user, invitation) = try await Self.load(userId, clinicId, product, in: db) else {
                return .userNotFound
            }
            guard invitation.status != InvitationStatus.accepted.rawValue else { return .alreadyAccepted }
            let renewed = try renewal(user)
            try await db.update("invitations")
                .set("token_hash", to: renewed.tokenHash)
                .set("status", to: InvitationStatus.pending.rawValue)
                .set("expires_at", to: Timestamp.string(renewed.expiresAt))
                .where("invitation_id", .equal, invitation.id)
                .run()
            try await Self.cancelQueuedEmails(of: userId, reason: "superseded by a resent invitation", in: db)
            let email = renewed.email
            let created = Timestamp.string(email.createdAt)
            try await db.insert(into: "outbox")
                .columns(
                    "message_id", "user_id", "recipient", "message", "status", "attempts", "created_at", "next_attempt_at"
                )
                .values(
                    email.messageId, email.userId, email.recipient, email.payload, OutboxStatus.queued.rawValue, 0,
                    created, created
                )
                .run()
            var changed = user
            changed.invitation = InvitationState(status: .pending, expiresAt: renewed.expiresAt)
            return .changed(changed)
        }
    }

    package func revoke(userId: String, clinicId: String, product: Product, now: Date) async throws -> InvitationChange {
        try await store.transaction { db in
            guard let (user, invitation) = try await Self.load(userId, clinicId, product, in: db) else {
                return .userNotFound
            }
            guard invitation.status != InvitationStatus.accepted.rawValue else { return .alreadyAccepted }
            try await db.update("invitations")
                .set("status", to: InvitationStatus.revoked.rawValue)
                .where("invitation_id", .equal, invitation.id)
                .run()
            try await Self.cancelQueuedEmails(of: userId, reason: "invitation revoked", in: db)
            var changed = user
            changed.invitation = InvitationState(status: .revoked, expiresAt: invitation.expiresAt)
            return .changed(changed)
        }
    }

    /// The user (scoped to clinic and product) and the id, stored status and expiry of their invitation.
    private static func load(
        _ userId: String, _ clinicId: String, _ product: Product, in db: any SQLDatabase
    ) async throws -> (UserRecord, (id: String, status: String, expiresAt: Date))? {
        guard
            let row = try await db.select()
                .columns(UserColumns.all.map { SQLColumn($0, table: "users") })
                .column(SQLColumn("invitation_id", table: "invitations"))
                .column(SQLColumn("status", table: "invitations"))
                .column(SQLColumn("expires_at", table: "invitations"))
                .from("users")
                .join("invitations", on: SQLColumn("user_id", table: "invitations"), .equal, SQLColumn("user_id", table: "users"))
                .where(SQLColumn("user_id", table: "users"), .equal, SQLBind(userId))
                .where(SQLColumn("clinic_id", table: "users"), .equal, SQLBind(clinicId))
                .where(SQLColumn("product", table: "users"), .equal, SQLBind(product.rawValue))
                .orderBy(SQLOrderBy(expression: SQLColumn("created_at", table: "invitations"), direction: SQLDirection.descending))
                .first()
        else { return nil }
        let user = try UserColumns.record(from: row)
        let expiresAt = Timestamp.date(try row.decode(column: "expires_at", as: String.self)) ?? .distantPast
        return (
            user,
            (try row.decode(column: "invitation_id", as: String.self), try row.decode(column: "status", as: String.self), expiresAt)
        )
    }

    /// Queued emails of the user carry an invitation link that no longer works: they are not sent.
    private static func cancelQueuedEmails(of userId: String, reason: String, in db: any SQLDatabase) async throws {
        try await db.update("outbox")
            .set("status", to: OutboxStatus.failed.rawValue)
            .set("message", to: SQLLiteral.null)
            .set("last_error", to: reason)
            .where("user_id", .equal, userId)
            .where("status", .equal, OutboxStatus.queued.rawValue)
            .run()
    }
}
