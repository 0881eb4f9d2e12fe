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

/// A presented key the service verified: the clinic it belongs to, its id and its name (what events record of the
/// key that acted).
package struct VerifiedKey: Sendable, Equatable {
    package var clinic: Clinic
    package var keyId: String
    package var name: String

    package init(clinic: Clinic, keyId: String, name: String) {
        self.clinic = clinic
        self.keyId = keyId
        self.name = name
    }

    /// The key as the actor of a command.
    package var actor: CommandContext.Actor { .apiKey(id: keyId, name: name) }
}

/// The verified key, and when it was last recorded as used.
package struct KeyOwner: Sendable, Equatable {
    package var key: VerifiedKey
    package var lastUsedAt: Date?

    package init(key: VerifiedKey, lastUsedAt: Date?) {
        self.key = key
        self.lastUsedAt = lastUsedAt
    }
}
