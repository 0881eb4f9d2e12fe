import Foundation

/// One of a clinic's API keys as the clinic sees it: never its secret, which only exists when the key is made.
package struct APIKeyRecord: Sendable, Equatable, Codable {
    package var keyId: String
    package var clinicId: String
    /// What the clinic calls it ("billing integration", "2027 rotation").
    package var name: String
    package var createdAt: Date
    /// The last request the key authenticated, to the minute (written at most once a minute); `nil` until then.
    package var lastUsedAt: Date?
    /// When the key was revoked; `nil` while it works.
    package var revokedAt: Date?
    /// The key whose request created this one; `nil` for keys made by the CLI or with the clinic.
    package var createdByKeyId: String?

    package init(
        keyId: String, clinicId: String, name: String, createdAt: Date, lastUsedAt: Date? = nil,
        revokedAt: Date? = nil, createdByKeyId: String? = nil
    ) {
        self.keyId = keyId
        self.clinicId = clinicId
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.createdByKeyId = createdByKeyId
    }

    /// The start of the key, `avk_` and its id: not secret, enough to tell keys apart.
    package var prefix: String { APIKeyCredential.prefix + keyId }

    /// The name of a clinic's first key, made with the clinic.
    package static let firstKeyName = "first key"
}

/// The clinic a presented key belongs to, and when the key was last recorded as used.
package struct KeyOwner: Sendable, Equatable {
    package var clinic: Clinic
    package var lastUsedAt: Date?

    package init(clinic: Clinic, lastUsedAt: Date?) {
        self.clinic = clinic
        self.lastUsedAt = lastUsedAt
    }
}
