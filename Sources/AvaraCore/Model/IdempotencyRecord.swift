import Foundation

/// What a keyed command writes under its key in the command's own transaction (see
/// ``UserRepository/insertInvites(_:)``): how it ended, which every retry is answered with.
package struct IdempotencyRecord: Sendable, Equatable {
    package var clinicId: String
    package var key: String
    package var fingerprint: RequestFingerprint
    /// The surface's id of the request that made the record, which its answers name.
    package var requestId: String
    package var createdAt: Date
    package var expiresAt: Date
    /// How the command ended when it committed.
    package var outcome: IdempotentOutcome
    /// The user or API key the outcome is about (the new user of an invite); removing the user forgets the record.
    package var subjectId: String?

    /// What an invite keeps instead when its transaction finds the email taken: no user, so no subject.
    package var emailTaken: IdempotencyRecord? {
        guard case .user(let user) = outcome else { return nil }
        var record = self
        record.outcome = .emailTaken(user.product)
        record.subjectId = nil
        return record
    }

    /// The key's identity: keys belong to their clinic.
    package var scope: IdempotencyScope {
        IdempotencyScope(clinicId: clinicId, key: key)
    }

    package init(
        clinicId: String, key: String, fingerprint: RequestFingerprint, requestId: String, createdAt: Date,
        expiresAt: Date, outcome: IdempotentOutcome, subjectId: String? = nil
    ) {
        self.clinicId = clinicId
        self.key = key
        self.fingerprint = fingerprint
        self.requestId = requestId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.outcome = outcome
        self.subjectId = subjectId
    }
}

/// A key within its clinic: the primary key of the `idempotency_outcomes` table.
package struct IdempotencyScope: Sendable, Hashable {
    package var clinicId: String
    package var key: String

    package init(clinicId: String, key: String) {
        self.clinicId = clinicId
        self.key = key
    }
}

/// An outcome found under a key: the fingerprint of the request that produced it, that request's id, and the
/// outcome itself.
package struct RememberedOutcome: Sendable, Equatable {
    package var fingerprint: RequestFingerprint
    package var requestId: String
    package var outcome: IdempotentOutcome
    package var createdAt: Date

    package init(fingerprint: RequestFingerprint, requestId: String, outcome: IdempotentOutcome, createdAt: Date) {
        self.fingerprint = fingerprint
        self.requestId = requestId
        self.outcome = outcome
        self.createdAt = createdAt
    }
}
