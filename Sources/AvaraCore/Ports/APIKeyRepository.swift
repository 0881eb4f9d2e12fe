import Foundation

/// A clinic's API keys: only a hash of each is stored.
package protocol APIKeyRepository: Sendable {
    /// Stores a new key of `record.clinicId`, with the kept answer of `idempotency` in the same transaction, unless
    /// the clinic has `liveLimit` keys that are not revoked already (counted in that transaction, so that
    /// concurrent creations cannot pass it together). `event` is written with the key.
    func create(
        _ record: APIKeyRecord, secretHash: String, liveLimit: Int, idempotency: IdempotencyRecord?,
        event: DomainEvent
    ) async throws -> APIKeyCreation

    /// The clinic's keys, revoked ones included, oldest first.
    func keys(clinicId: String) async throws -> [APIKeyRecord]

    /// Revokes the key `keyId` of the clinic at `now` (a key revoked before keeps its time), with `audit`'s event
    /// in the same transaction.
    ///
    /// - Returns: The key as it now is; `nil` when the clinic has no such key.
    func revoke(
        keyId: String, clinicId: String, now: Date, audit: AuditedChange<APIKeyRecord>
    ) async throws
        -> APIKeyRecord?

    /// Records that the key was used at `now`, unless a use since `notBefore` is recorded already (another replica
    /// got there first): a key's row is written at most once a minute, however busy it is.
    func recordUse(keyId: String, now: Date, unlessUsedSince notBefore: Date) async throws
}

/// What ``APIKeyRepository/create(_:secretHash:liveLimit:idempotency:event:)`` did.
package enum APIKeyCreation: Sendable, Equatable {
    /// The key is stored.
    case created
    /// A live record of another request holds the idempotency key: nothing was written.
    case idempotencyKeyTaken
    /// The clinic has its limit of live keys already: nothing was written.
    case limitReached
}
