import Foundation

/// What became of a change to a user's invitation.
package enum InvitationChange: Sendable, Equatable {
    /// Done; the user with the invitation as it is now.
    case changed(UserRecord)
    /// No such user in this product of the clinic.
    case userNotFound
    /// The invitation was accepted and can no longer change.
    case alreadyAccepted
    /// The invitation was resent less than the cooldown ago; it may be resent again in `retryAfter` seconds.
    case resentTooRecently(retryAfter: TimeInterval)
    /// Another request holding the change's idempotency key committed first; nothing was written.
    case idempotencyKeyTaken
}

/// A renewed invitation: its new token's hash and expiry, and the email carrying the new link.
package struct InvitationRenewal: Sendable {
    package var tokenHash: String
    package var expiresAt: Date
    package var email: OutboxMessage

    package init(tokenHash: String, expiresAt: Date, email: OutboxMessage) {
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.email = email
    }
}

/// Invitations of existing users: resend and revoke.
package protocol InvitationRepository: Sendable {
    /// Gives the user's invitation the token and expiry of `renewal` (the old link stops working), cancels any
    /// email of the old link still queued and queues `renewal`'s email, in one transaction.
    ///
    /// - Parameters:
    ///   - cooldown: How long after a resend another is refused (``InvitationChange/resentTooRecently(retryAfter:)``);
    ///     the first resend after the invite is never refused.
    ///   - idempotency: The request's claim on a fresh idempotency key, stored with the change's answer in its
    ///     transaction.
    ///   - audit: Checked against the user as stored before anything is written; its event written with the change.
    ///   - renewal: Built from the user as stored (for the email's name and address).
    func renew(
        userId: String, clinicId: String, product: Product, now: Date, cooldown: TimeInterval,
        idempotency: IdempotencyClaim?, audit: AuditedChange<UserRecord>,
        renewal: @escaping @Sendable (UserRecord) throws -> InvitationRenewal
    ) async throws -> InvitationChange

    /// Revokes the user's invitation (the link stops working) and cancels its queued email, storing the claim on
    /// `idempotency`'s key with the answer and `audit`'s event in the same transaction.
    func revoke(
        userId: String, clinicId: String, product: Product, now: Date, idempotency: IdempotencyClaim?,
        audit: AuditedChange<UserRecord>
    ) async throws -> InvitationChange
}
