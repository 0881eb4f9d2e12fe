import Foundation

/// A request's claim on a fresh idempotency key: bound by ``IdempotencyMiddleware`` for the handler, which passes
/// it to ``InvitationService/invite(_:clinic:idempotency:)`` so that the key is stored with the invite.
///
/// The claim is only a wish: it becomes the key's record when the invite's transaction inserts it, which fails
/// (``InviteOutcome/idempotencyKeyTaken``) when another request with the key committed first.
package struct IdempotencyClaim: Sendable {
    package var clinicId: String
    package var key: IdempotencyKey
    package var fingerprint: RequestFingerprint
    /// The request's id, which a stored problem body names.
    package var requestId: String
    /// When the request arrived; the record counts from here.
    package var createdAt: Date
    /// When the record stops being replayed and may be purged.
    package var expiresAt: Date

    /// The claim of the request being handled, if it sent an `Idempotency-Key` not seen before.
    @TaskLocal package static var current: IdempotencyClaim?

    package init(
        clinicId: String, key: IdempotencyKey, fingerprint: RequestFingerprint, requestId: String, createdAt: Date,
        expiresAt: Date
    ) {
        self.clinicId = clinicId
        self.key = key
        self.fingerprint = fingerprint
        self.requestId = requestId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// What the invite of `user` stores under the key: its 201 answer, or `duplicateEmail` when the email
    /// turns out to be taken.
    package func record(created user: UserRecord, duplicateEmail: APIError) throws -> IdempotencyRecord {
        IdempotencyRecord(
            clinicId: clinicId, key: key.rawValue, fingerprint: fingerprint, createdAt: createdAt,
            expiresAt: expiresAt, created: try .created(user),
            duplicateEmail: .problem(duplicateEmail, requestId: requestId)
        )
    }
}
