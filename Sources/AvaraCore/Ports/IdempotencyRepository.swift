import Foundation

/// Where the outcomes kept under idempotency keys are found and forgotten.
///
/// Keys are written only together with their invite (see ``UserRepository/insertInvites(_:)``); this
/// protocol covers what happens outside that transaction.
package protocol IdempotencyRepository: Sendable {
    /// The outcome kept under `key` for the clinic, unless its time is up at `now`.
    func remembered(clinicId: String, key: String, now: Date) async throws -> RememberedOutcome?

    /// Deletes up to `limit` records whose time is up at `now`, in one short transaction.
    ///
    /// - Returns: How many records were deleted; `limit` means there may be more.
    @discardableResult
    func purgeExpired(now: Date, limit: Int) async throws -> Int
}
