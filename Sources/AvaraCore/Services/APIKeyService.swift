import Foundation
import Logging

/// A clinic's API keys: several named keys per clinic, listed with when each was made and last used, revoked one
/// by one. A new key's secret exists only in the answer to its creation.
///
/// ```swift
/// let created = try await keys.create(name: "2027 rotation", clinic: clinic)
/// print(created.secret)   // shown once
/// _ = try await keys.revoke(keyId: oldKeyId, clinic: clinic)
/// ```
package struct APIKeyService: Sendable {
    /// A new key: its record, and the whole key, which nothing keeps.
    package struct Created: Sendable, Equatable {
        package var key: APIKeyRecord
        package var secret: String
    }

    /// How often a key's last use is written at most.
    package static let useRecordingInterval: TimeInterval = 60

    private let repository: any APIKeyRepository
    private let clock: any ServiceClock
    private let random: any RandomSource
    private let logger: Logger

    package init(repository: any APIKeyRepository, clock: any ServiceClock, random: any RandomSource, logger: Logger) {
        self.repository = repository
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Makes a key named `name` (1 to 100 characters, no control characters; trimmed) for `clinic`.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` naming `name`; ``ServiceError/idempotencyKeyTaken`` when another
    ///   request with the idempotency key committed first.
    package func create(name: String, clinic: Clinic, idempotency: IdempotencyClaim? = nil) async throws -> Created {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let error = Self.nameError(trimmed) { throw ServiceError.invalid([error]) }
        let key = APIKey.generate(using: random)
        let record = APIKeyRecord(
            keyId: key.keyId, clinicId: clinic.clinicId, name: trimmed, createdAt: clock.now().roundedToMilliseconds
        )
        guard try await repository.create(record, secretHash: key.secretHash, idempotency: try idempotency?.record(created: record))
        else { throw ServiceError.idempotencyKeyTaken }
        logger.info("api key created", metadata: ["keyId": "\(key.keyId)", "clinicId": "\(clinic.clinicId)"])
        return Created(key: record, secret: key.plaintext)
    }

    /// The clinic's keys, revoked ones included, oldest first.
    package func list(clinic: Clinic) async throws -> [APIKeyRecord] {
        try await repository.keys(clinicId: clinic.clinicId)
    }

    /// Revokes the clinic's key `keyId`: every replica refuses it within the API key cache's lifetime (5 seconds).
    /// Revoking a revoked key answers it as it is.
    ///
    /// - Throws: ``ServiceError/apiKeyNotFound`` when the clinic has no such key.
    package func revoke(keyId: String, clinic: Clinic) async throws -> APIKeyRecord {
        guard let record = try await repository.revoke(
            keyId: keyId, clinicId: clinic.clinicId, now: clock.now().roundedToMilliseconds
        ) else { throw ServiceError.apiKeyNotFound }
        logger.notice("api key revoked", metadata: ["keyId": "\(keyId)", "clinicId": "\(clinic.clinicId)"])
        return record
    }

    /// Records a use of the key `keyId` last recorded at `lastUsedAt`, when that was a minute ago or more.
    package func recordUse(keyId: String, lastUsedAt: Date?) async throws {
        let now = clock.now()
        if let lastUsedAt, now.timeIntervalSince(lastUsedAt) < Self.useRecordingInterval { return }
        try await repository.recordUse(
            keyId: keyId, now: now.roundedToMilliseconds,
            unlessUsedSince: now.addingTimeInterval(-Self.useRecordingInterval)
        )
    }

    private static func nameError(_ name: String) -> FieldError? {
        guard !name.isEmpty, name.count <= 100 else {
            return FieldError(field: "name", message: "must have 1 to 100 characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return FieldError(field: "name", message: "must not contain control characters")
        }
        return nil
    }
}
