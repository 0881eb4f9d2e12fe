import Foundation

/// A request's claim on a fresh idempotency key, passed with the command (an invite, a resend, a revoke) so that
/// the key is stored with the command's writes, in their transaction.
///
/// The claim is only a wish: it becomes the key's record when the command's transaction inserts it, which fails
/// (``ServiceError/idempotencyKeyTaken``) when another request with the key committed first.
package struct IdempotencyClaim: Sendable {
    package var clinicId: String
    package var key: IdempotencyKey
    package var fingerprint: RequestFingerprint
    /// When the request arrived; the record counts from here.
    package var createdAt: Date
    /// When the record stops being replayed and may be purged.
    package var expiresAt: Date
    /// The surface's id of the request making the claim, which the kept outcome's answers name on every replay.
    package var requestId: String

    package init(
        clinicId: String, key: IdempotencyKey, fingerprint: RequestFingerprint, createdAt: Date, expiresAt: Date,
        requestId: String
    ) {
        self.clinicId = clinicId
        self.key = key
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.requestId = requestId
    }

    /// What creating the API key `key` stores under the idempotency key.
    package func record(created key: APIKeyRecord) -> IdempotencyRecord {
        record(.keyCreated(key), subjectId: key.keyId)
    }

    /// What a command that ends with `user` stores under the key: the user as the command left it.
    package func record(succeeded user: UserRecord) -> IdempotencyRecord {
        record(.user(user), subjectId: user.userId)
    }

    private func record(_ outcome: IdempotentOutcome, subjectId: String) -> IdempotencyRecord {
        IdempotencyRecord(
            clinicId: clinicId, key: key.rawValue, fingerprint: fingerprint, requestId: requestId,
            createdAt: createdAt, expiresAt: expiresAt, outcome: outcome, subjectId: subjectId
        )
    }
}
