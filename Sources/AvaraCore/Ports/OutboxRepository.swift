import Foundation

/// A message due for delivery.
package struct DueMessage: Sendable, Equatable {
    package var messageId: String
    /// The envelope recipient of an email; the endpoint's id for a webhook delivery.
    package var recipient: String
    /// The stored content of an email (see ``QueuedEmail``); empty for a webhook delivery, whose event
    /// is read at delivery.
    package var payload: String
    /// The event a webhook delivery carries; `nil` for an email.
    package var eventId: String?
    package var attempts: Int
    package var createdAt: Date

    package init(
        messageId: String, recipient: String, payload: String, eventId: String? = nil, attempts: Int, createdAt: Date
    ) {
        self.messageId = messageId
        self.recipient = recipient
        self.payload = payload
        self.eventId = eventId
        self.attempts = attempts
        self.createdAt = createdAt
    }
}

/// The outbox: emails are written with their user, webhook deliveries with their event, and each stays queued
/// until it is delivered or given up on.
///
/// A process claims the messages it is about to deliver ( ``claimDueMessages(dueBy:now:claimUntil:limit:)``), so
/// that of several replicas sharing the database exactly one delivers each message. The claim ends when the message
/// is marked sent, rescheduled or failed, released, or when its time is up (the claimant died): delivery stays at
/// least once.
package protocol OutboxRepository: Sendable {
    /// Claims up to `limit` queued messages of `kind` due by `dueBy` that no live claim holds at `now`, oldest
    /// first, until `claimUntil`.
    func claimDueMessages(
        kind: OutboxKind, dueBy: Date, now: Date, claimUntil: Date, limit: Int
    ) async throws -> [DueMessage]

    /// Gives up the claims on messages this process will not handle now; the next pass of any process takes them.
    func releaseClaims(messageIds: [String]) async throws

    /// Gives up every claim: at the start of a process that is alone with its database, the claims of its
    /// predecessor (which died or was stopped) are void at once.
    func releaseAllClaims() async throws

    /// Of `messageIds`, those still to be sent at `now`: still queued, and carrying the link of an invitation
    /// that is still pending, unexpired and not renewed since. Asked just before sending, so that a link revoked or
    /// replaced while its message waited in a delivery pass is never sent.
    func stillLive(messageIds: [String], now: Date) async throws -> Set<String>

    /// Marks messages sent, clears their stored content (it holds an invitation link) and records on their
    /// invitations that the email was sent, with `event` of each user whose current invitation they carry (the
    /// user as they now are: `invitation.email_sent`).
    func markSent(
        messageIds: [String], at: Date, event: @escaping @Sendable (UserRecord) -> DomainEvent
    ) async throws

    /// Records a failed attempt and when to try again.
    func scheduleRetry(messageId: String, attempts: Int, nextAttemptAt: Date, reason: String) async throws

    /// Gives up on a message, keeping its reason and dropping its content (and with it the invitation link); its
    /// invitation reports the email failed with the reason, and `event` of its user is recorded
    /// (`invitation.email_failed`).
    func markFailed(
        messageId: String, attempts: Int, reason: String, at: Date,
        event: @escaping @Sendable (UserRecord) -> DomainEvent
    ) async throws

    /// Counts messages by status, for health and tests.
    func count(status: OutboxStatus) async throws -> Int
}
