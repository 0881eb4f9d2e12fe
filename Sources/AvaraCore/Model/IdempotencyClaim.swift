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

    /// What creating the API key `key` stores under the idempotency key.
    package func record(created key: APIKeyRecord) throws -> IdempotencyRecord {
        let answer = try answers.created(key)
        return IdempotencyRecord(
            clinicId: clinicId, key: self.key.rawValue, fingerprint: fingerprint, createdAt: createdAt,
            expiresAt: expiresAt, created: answer, duplicateEmail: answer, subjectId: key.keyId
        )
    }

    /// What a command that ends with `user` stores under the key: its answer when it succeeds and, for an invite,
    /// the one for an email that turns out to be taken.
    package func record(succeeded user: UserRecord) throws -> IdempotencyRecord {
        IdempotencyRecord(
            clinicId: clinicId, key: key.rawValue, fingerprint: fingerprint, createdAt: createdAt,
            expiresAt: expiresAt, created: try answers.succeeded(user),
            duplicateEmail: answers.failed(.emailTaken(user.product)), subjectId: user.userId
        )
    }
}

/// How a surface answers a command, rendered before the command commits so that the answer can be kept with it:
/// the HTTP API writes its `201` (an invite), `200` (a resend or revoke) and problem bodies here, byte for byte as
/// it sends them.
package protocol IdempotentAnswers: Sendable {
    /// The answer for a command that succeeded with `user` (a new user, or one whose invitation changed).
    func succeeded(_ user: UserRecord) throws -> StoredResponse
    /// The answer for an invite refused with `error`.
    func failed(_ error: ServiceError) -> StoredResponse
    /// The answer kept for a new API key: the key without its secret, which is shown once and never stored.
    func created(_ key: APIKeyRecord) throws -> StoredResponse
}
