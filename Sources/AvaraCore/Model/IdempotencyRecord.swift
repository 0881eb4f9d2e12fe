import Foundation

/// What a keyed invite writes under its key in the invite's own transaction (see
/// ``UserRepository/insertInvites(_:)``): the answer for each way the invite can end, of which the
/// transaction keeps the one that happened.
package struct IdempotencyRecord: Sendable, Equatable {
    package var clinicId: String
    package var key: String
    package var fingerprint: RequestFingerprint
    package var createdAt: Date
    package var expiresAt: Date
    /// Kept when the user is created.
    package var created: StoredResponse
    /// Kept when the email is already taken in the product.
    package var duplicateEmail: StoredResponse
    /// The user or API key the answer is about (the new user of an invite); removing the user forgets the answer.
    package var subjectId: String?

    /// The key's identity: keys belong to their clinic.
    package var scope: IdempotencyScope {
        IdempotencyScope(clinicId: clinicId, key: key)
    }

    package init(
        clinicId: String, key: String, fingerprint: RequestFingerprint, createdAt: Date, expiresAt: Date,
        created: StoredResponse, duplicateEmail: StoredResponse, subjectId: String? = nil
    ) {
        self.clinicId = clinicId
        self.key = key
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.created = created
        self.duplicateEmail = duplicateEmail
        self.subjectId = subjectId
    }
}

/// A key within its clinic: the primary key of the `idempotency_keys` table.
package struct IdempotencyScope: Sendable, Hashable {
    package var clinicId: String
    package var key: String

    package init(clinicId: String, key: String) {
        self.clinicId = clinicId
        self.key = key
    }
}

/// An answer found under a key: the fingerprint of the request that produced it and the answer itself.
package struct RememberedResponse: Sendable, Equatable {
    package var fingerprint: RequestFingerprint
    package var response: StoredResponse
    package var createdAt: Date

    package init(fingerprint: RequestFingerprint, response: StoredResponse, createdAt: Date) {
        self.fingerprint = fingerprint
        self.response = response
        self.createdAt = createdAt
    }
}
