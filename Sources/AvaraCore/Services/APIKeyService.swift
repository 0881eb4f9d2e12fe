import Foundation
import Logging

/// A clinic's API keys: several named keys per clinic, listed with when each was made and last used, revoked one
/// by one. A new key's secret exists only in the answer to its creation.
///
/// ```swift
/// let created = try await keys.create(name: "2027 rotation", context: .cli(clinic))
/// print(created.secret)   // shown once
/// _ = try await keys.revoke(keyId: oldKeyId, context: .cli(clinic))
/// ```
package struct APIKeyService: Sendable {
    /// A new key: its record, and the whole key, which nothing keeps.
    package struct Created: Sendable, Equatable {
        package var key: APIKeyRecord
        package var secret: String
    }

    /// How often a key's last use is written at most.
    package static let useRecordingInterval: TimeInterval = 60
    /// The most keys a clinic may have that are not revoked.
    package static let liveKeyLimit = 100

    private let repository: any APIKeyRepository
    private let owners: any ClinicRepository
    private let cache: AuthenticatedKeyCache
    private let clock: any ServiceClock
    private let random: any RandomSource
    private let logger: Logger

    /// - Parameters:
    ///   - owners: Where a presented key's clinic is looked up.
    ///   - cache: The verified keys of this process, shared by every surface, so that a revocation through any of
    ///     them takes effect at once here.
    package init(
        repository: any APIKeyRepository, owners: any ClinicRepository, cache: AuthenticatedKeyCache,
        clock: any ServiceClock, random: any RandomSource, logger: Logger
    ) {
        self.repository = repository
        self.owners = owners
        self.cache = cache
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Makes a key named `name` (1 to 100 characters, no control or format characters; trimmed) for the context's
    /// clinic, recording the key whose request made it (`createdByKeyId`; `nil` from the CLI), and
    /// `api_key.created`.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` naming `name`; ``ServiceError/apiKeyLimitReached(limit:)`` when the
    ///   clinic has ``liveKeyLimit`` live keys; ``ServiceError/idempotencyKeyTaken`` when another request with the
    ///   idempotency key committed first.
    package func create(
        name: String, context: CommandContext, idempotency: IdempotencyClaim? = nil
    ) async throws -> Created {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let error = Self.nameError(trimmed) { throw ServiceError.invalid([error]) }
        let key = APIKeyCredential.generate(using: random)
        let now = clock.now().roundedToMilliseconds
        var createdByKeyId: String?
        if case .apiKey(let id, _) = context.actor { createdByKeyId = id }
        let clinic = context.clinic
        let record = APIKeyRecord(
            keyId: key.keyId, clinicId: clinic.clinicId, name: trimmed, createdAt: now, createdByKeyId: createdByKeyId
        )
        let event = context.event(
            .apiKeyCreated, product: nil, subjectId: record.keyId, data: record.eventData, at: now, random: random
        )
        switch try await repository.create(
            record, secretHash: key.secretHash, liveLimit: Self.liveKeyLimit,
            idempotency: idempotency?.record(created: record), event: event
        ) {
        case .created: break
        case .idempotencyKeyTaken: throw ServiceError.idempotencyKeyTaken
        case .limitReached: throw ServiceError.apiKeyLimitReached(limit: Self.liveKeyLimit)
        }
        logger.info(
            "api key created",
            metadata: [
                "keyId": "\(key.keyId)", "clinicId": "\(clinic.clinicId)", "createdByKeyId": "\(createdByKeyId ?? "-")",
            ])
        return Created(key: record, secret: key.plaintext)
    }

    /// `key` verified (its clinic, id and name), when it is a live key; `nil` for an unknown, mismatched or revoked
    /// key. A key verified in
    /// the database is remembered for a few seconds, and has its use recorded when the last one recorded is a
    /// minute old.
    ///
    /// - Parameter beforeDatabaseRead: Runs when the key is not one this process verified lately, just before the
    ///   database is asked (a surface's limit of such requests); what it throws ends the authentication.
    package func authenticate(
        _ key: APIKeyCredential, beforeDatabaseRead: () throws -> Void = {}
    ) async throws -> VerifiedKey? {
        let hash = key.secretHash
        if let verified = cache.verifiedKey(forKeyHash: hash) { return verified }
        try beforeDatabaseRead()
        guard let owner = try await owners.owner(of: key) else { return nil }
        cache.remember(owner.key, forKeyHash: hash)
        do {
            try await recordUse(keyId: key.keyId, lastUsedAt: owner.lastUsedAt)
        } catch {
            // A bookkeeping write must not fail the request it notes.
            logger.warning("api key use not recorded", metadata: ["keyId": "\(key.keyId)", "error": "\(error)"])
        }
        return owner.key
    }

    /// The clinic's keys, revoked ones included, oldest first.
    package func list(context: CommandContext) async throws -> [APIKeyRecord] {
        try await repository.keys(clinicId: context.clinic.clinicId)
    }

    /// Revokes the clinic's key `keyId`: this process refuses it at once, every other replica within the API key
    /// cache's lifetime (5 seconds), and `api_key.revoked` is recorded. Revoking a revoked key answers it as it
    /// is, and records nothing.
    ///
    /// - Throws: ``ServiceError/apiKeyNotFound`` when the clinic has no such key.
    package func revoke(keyId: String, context: CommandContext) async throws -> APIKeyRecord {
        let clinic = context.clinic
        let now = clock.now().roundedToMilliseconds
        let audit = AuditedChange<APIKeyRecord> { [random] _, revoked in
            context.event(
                .apiKeyRevoked, product: nil, subjectId: revoked.keyId, data: revoked.eventData, at: now,
                random: random
            )
        }
        guard
            let record = try await repository.revoke(keyId: keyId, clinicId: clinic.clinicId, now: now, audit: audit)
        else { throw ServiceError.apiKeyNotFound }
        cache.forget(keyId: keyId)
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
        guard !TextChecks.containsControlCharacter(name) else {
            return FieldError(field: "name", message: "must not contain control characters")
        }
        guard !TextChecks.containsFormatCharacter(name) else {
            return FieldError(
                field: "name", message: "must not contain invisible format characters such as bidi controls")
        }
        return nil
    }
}
