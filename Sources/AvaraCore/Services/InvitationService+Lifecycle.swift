import Foundation
import Logging

extension InvitationService {
    /// Renews the invitation of `userId`: a new token and expiry (the old link stops working) and a new email.
    ///
    /// - Parameter idempotency: The request's claim on a fresh idempotency key: stored with the resend's answer.
    /// - Throws: ``ServiceError/userNotFound`` when the clinic has no such user in `product`;
    ///   ``ServiceError/forbidden(_:)`` when the actor may not manage the user (``Permissions``);
    ///   ``ServiceError/invitationAccepted`` when the invitation was accepted;
    ///   ``ServiceError/resendTooSoon(retryAfter:)`` within the resend cooldown of the last resend (the first resend
    ///   after the invite is always taken); ``ServiceError/idempotencyKeyTaken`` when another request with the key
    ///   committed first.
    package func resend(
        userId: String, product: Product, context: CommandContext, idempotency: IdempotencyClaim? = nil
    ) async throws -> UserRecord {
        try await renew(
            userId: userId, product: product, context: context, cooldown: resendCooldown.seconds,
            idempotency: idempotency)
    }

    /// Sends the pending invitation of `userId` again, to the address the user has now (their identity provider
    /// changed it): a new token and expiry, so that the link sent to the old address stops working. Not held by the
    /// resend cooldown, which limits a client's resends, not a change of address.
    ///
    /// - Throws: as ``resend(userId:product:context:idempotency:)``, but never
    ///   ``ServiceError/resendTooSoon(retryAfter:)``.
    package func reissue(userId: String, product: Product, context: CommandContext) async throws -> UserRecord {
        try await renew(userId: userId, product: product, context: context, cooldown: 0, idempotency: nil)
    }

    private func renew(
        userId: String, product: Product, context: CommandContext, cooldown: TimeInterval,
        idempotency: IdempotencyClaim?
    ) async throws -> UserRecord {
        let clinic = context.clinic
        let now = clock.now().roundedToMilliseconds
        let token = InvitationToken.make(at: now, random: random)
        let expiresAt = now.addingTimeInterval(inviteTTL.seconds)
        let tokenHash = InvitationToken.hash(token)
        let invitationId = TimeOrderedID.make(prefix: "inv_", at: now, random: random)
        let change = try await invitations.renew(
            userId: userId, clinicId: clinic.clinicId, product: product, now: now, cooldown: cooldown,
            idempotency: idempotency, audit: audit(.invitationResent, context: context, at: now)
        ) { user in
            InvitationRenewal(
                tokenHash: tokenHash, expiresAt: expiresAt,
                email: try invitationEmail(
                    to: user, clinicName: clinic.name, invitationId: invitationId, token: token, tokenHash: tokenHash,
                    expiresAt: expiresAt, now: now
                )
            )
        }
        return try changed(change, action: "invitation resent")
    }

    /// Revokes the invitation of `userId`: its link stops working and an email not yet sent is not sent.
    ///
    /// - Parameter idempotency: The request's claim on a fresh idempotency key: stored with the revoke's answer.
    /// - Throws: ``ServiceError/userNotFound``, ``ServiceError/forbidden(_:)``, ``ServiceError/invitationAccepted``
    ///   or ``ServiceError/idempotencyKeyTaken``.
    package func revoke(
        userId: String, product: Product, context: CommandContext, idempotency: IdempotencyClaim? = nil
    ) async throws -> UserRecord {
        let now = clock.now().roundedToMilliseconds
        let change = try await invitations.revoke(
            userId: userId, clinicId: context.clinic.clinicId, product: product, now: now, idempotency: idempotency,
            audit: audit(.invitationRevoked, context: context, at: now)
        )
        return try changed(change, action: "invitation revoked")
    }

    /// The actor's permission to manage the user, and the event `type` of the user as the change leaves them.
    private func audit(_ type: EventType, context: CommandContext, at now: Date) -> AuditedChange<UserRecord> {
        AuditedChange(check: { try Permissions.checkManage($0, in: context) }) { [random] _, after in
            context.event(
                type, product: after.product, subjectId: after.userId, data: after.eventData, at: now, random: random
            )
        }
    }

    private func changed(_ change: InvitationChange, action: String) throws -> UserRecord {
        switch change {
        case .changed(let user):
            logger.info("\(action)", metadata: ["userId": "\(user.userId)", "clinicId": "\(user.clinicId)"])
            return user
        case .userNotFound:
            throw ServiceError.userNotFound
        case .alreadyAccepted:
            throw ServiceError.invitationAccepted
        case .resentTooRecently(let retryAfter):
            throw ServiceError.resendTooSoon(retryAfter: retryAfter)
        case .idempotencyKeyTaken:
            throw ServiceError.idempotencyKeyTaken
        }
    }
}
