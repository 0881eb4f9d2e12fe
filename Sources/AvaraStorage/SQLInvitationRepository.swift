import AvaraCore
import Foundation
import SQLKit

/// ``InvitationRepository`` over any SQLKit backend.
package struct SQLInvitationRepository: InvitationRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func renew(
        userId: String, clinicId: String, product: Product, now: Date, cooldown: TimeInterval,
        idempotency: IdempotencyClaim?, audit: AuditedChange<UserRecord>,
        renewal: @escaping @Sendable (UserRecord) throws -> InvitationRenewal
    ) async throws -> InvitationChange {
        try await store.transaction { db in
            guard
                let (user, invitation) = try await UserQueries.withInvitation(
                    userId, clinicId, product, locking: true, in: db)
            else {
                return .userNotFound
            }
            try audit.check(user)
            guard invitation.status != InvitationState.Status.accepted.rawValue else { return .alreadyAccepted }
            if let resentAt = invitation.resentAt, now.timeIntervalSince(resentAt) < cooldown {
                return .resentTooRecently(retryAfter: cooldown - now.timeIntervalSince(resentAt))
            }
            let renewed = try renewal(user)
            var changed = user
            changed.invitation = InvitationState(status: .pending, expiresAt: renewed.expiresAt, email: .queued)
            guard try await Self.claim(idempotency, answering: changed, in: db) else { return .idempotencyKeyTaken }
            try await db.update("invitations")
                .set("token_hash", to: renewed.tokenHash)
                .set("resent_at", to: Timestamp.string(now))
                .set("status", to: InvitationState.Status.pending.rawValue)
                .set("expires_at", to: Timestamp.string(renewed.expiresAt))
                .set("email_status", to: InvitationEmailState.Status.queued.rawValue)
                .set("email_error", to: SQLLiteral.null)
                .set("expiry_recorded_at", to: SQLLiteral.null)
                .where("invitation_id", .equal, invitation.id)
                .run()
            try await Self.cancelQueuedEmails(of: userId, reason: "superseded by a resent invitation", in: db)
            try await SQLOutboxRepository.enqueue([renewed.email], in: db)
            try await EventTable.append(audit.event(user, changed), in: db)
            return .changed(changed)
        }
    }

    package func revoke(
        userId: String, clinicId: String, product: Product, now: Date, idempotency: IdempotencyClaim?,
        audit: AuditedChange<UserRecord>
    ) async throws -> InvitationChange {
        try await store.transaction { db in
            guard
                let (user, invitation) = try await UserQueries.withInvitation(
                    userId, clinicId, product, locking: true, in: db)
            else {
                return .userNotFound
            }
            try audit.check(user)
            guard invitation.status != InvitationState.Status.accepted.rawValue else { return .alreadyAccepted }
            var changed = user
            changed.invitation = InvitationState(
                status: .revoked, expiresAt: invitation.expiresAt, email: invitation.email)
            if invitation.email?.status == .queued {
                changed.invitation?.email = InvitationEmailState(status: .failed, reason: Self.revokedReason)
            }
            guard try await Self.claim(idempotency, answering: changed, in: db) else { return .idempotencyKeyTaken }
            try await db.update("invitations")
                .set("status", to: InvitationState.Status.revoked.rawValue)
                .where("invitation_id", .equal, invitation.id)
                .run()
            try await Self.cancelQueuedEmails(of: userId, reason: Self.revokedReason, in: db)
            try await EventTable.append(audit.event(user, changed), in: db)
            return .changed(changed)
        }
    }

    /// Claims the key of `claim`, if any, with the answer for `user`, before the change writes anything.
    ///
    /// - Returns: `false` when a live record of another request holds the key: then nothing may be written.
    private static func claim(
        _ claim: IdempotencyClaim?, answering user: UserRecord, in db: any SQLDatabase
    ) async throws -> Bool {
        guard let claim else { return true }
        return try await IdempotencyTable.claim([claim.record(succeeded: user)], in: db) == [true]
    }

    /// Why the email of a revoked invitation was not sent.
    static let revokedReason = "the invitation was revoked before its email was sent"

    /// Queued emails of the user carry an invitation link that no longer works: they are not sent. The invitation
    /// whose link they carry, if it is still the user's, reports its email failed with `reason`.
    package static func cancelQueuedEmails(of userId: String, reason: String, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE invitations SET email_status = \(bind: InvitationEmailState.Status.failed.rawValue),
                email_error = \(bind: reason)
            WHERE user_id = \(bind: userId) AND token_hash IN (
                SELECT token_hash FROM outbox WHERE user_id = \(bind: userId)
                    AND status = \(bind: OutboxStatus.queued.rawValue)
            )
            """
        ).run()
        try await db.update("outbox")
            .set("status", to: OutboxStatus.failed.rawValue)
            .set("message", to: SQLLiteral.null)
            .set("last_error", to: reason)
            .where("user_id", .equal, userId)
            .where("status", .equal, OutboxStatus.queued.rawValue)
            .run()
    }
}
