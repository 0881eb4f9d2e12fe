import Foundation

/// The state of a message in the outbox.
package enum OutboxStatus: String, Sendable {
    /// Waiting for a transport to accept it (again).
    case queued
    /// Accepted by the transport; the stored content has been cleared.
    case sent
    /// Given up on; `last_error` says why.
    case failed
}

/// A message due for delivery.
package struct DueMessage: Sendable, Equatable {
    package var messageId: String
    /// The envelope recipient.
    package var recipient: String
    /// The stored content (see ``QueuedInvitationEmail``).
    package var payload: String
    package var attempts: Int
    package var createdAt: Date
}

/// The mail outbox: messages are written with their user and stay queued until a transport accepts them.
package protocol OutboxRepository: Sendable {
    /// Up to `limit` queued messages whose next attempt is due at `now`, oldest first.
    func dueMessages(now: Date, limit: Int) async throws -> [DueMessage]

    /// Marks messages sent and clears their stored content (it holds an invitation link).
    func markSent(messageIds: [String], at: Date) async throws

    /// Records a failed attempt and when to try again.
    func scheduleRetry(messageId: String, attempts: Int, nextAttemptAt: Date, reason: String) async throws

    /// Gives up on a message.
    func markFailed(messageId: String, attempts: Int, reason: String) async throws

    /// Counts messages by status, for health and tests.
    func count(status: OutboxStatus) async throws -> Int
}
