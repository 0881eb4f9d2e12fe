import Foundation

/// A request's claim on a fresh idempotency key, passed with the command to
/// ``InvitationService/invite(_:clinic:idempotency:)`` so that the key is stored with the invite.
///
/// The claim is only a wish: it becomes the key's record when the invite's transaction inserts it, which fails
/// (``InviteOutcome/idempotencyKeyTaken``) when another request with the key committed first.
package struct IdempotencyClaim: Sendable {
    package var clinicId: String
    package var key: IdempotencyKey
    package var fingerprint: RequestFingerprint
    /// When the request arrived; the record counts from here.
    package var createdAt: Date
    /// When the record stops being replayed and may be purged.
    package var expiresAt: Date
    /// The answers of the surface that took the request, which the record keeps.
    package var answers: any IdempotentAnswers

    package init(
        clinicId: String, key: IdempotencyKey, fingerprint: RequestFingerprint, createdAt: Date, expiresAt: Date,
        answers: any IdempotentAnswers
    ) {
        self.clinicId = clinicId
        self.key = key
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.answers = answers
    }

    /// What the invite of `user` stores under the key: its answer when the user is created, and the one for an
    /// email that turns out to be taken.
    package func record(created user: UserRecord) throws -> IdempotencyRecord {
        IdempotencyRecord(
            clinicId: clinicId, key: key.rawValue, fingerprint: fingerprint, createdAt: createdAt,
            expiresAt: expiresAt, created: try answers.created(user),
            duplicateEmail: answers.failed(.emailTaken(user.product))
        )
    }
}

/// How a surface answers an invite, rendered before the invite commits so that the answer can be kept with it:
/// the HTTP API writes its `201` and problem bodies here, byte for byte as it sends them.
package protocol IdempotentAnswers: Sendable {
    /// The answer for the newly created `user`.
    func created(_ user: UserRecord) throws -> StoredResponse
    /// The answer for an invite refused with `error`.
    func failed(_ error: ServiceError) -> StoredResponse
}
