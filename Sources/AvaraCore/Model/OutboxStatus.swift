/// The state of a message in the outbox.
package enum OutboxStatus: String, Sendable {
    /// Waiting for a transport to accept it (again).
    case queued
    /// Accepted by the transport; the stored content has been cleared.
    case sent
    /// Given up on; `last_error` says why.
    case failed
}

/// What an outbox message is: the outbox holds all the service's outgoing work, each kind delivered by its own
/// lane of the one worker.
package enum OutboxKind: String, Sendable, CaseIterable {
    /// An email (an invitation), handed to the mail transport.
    case mail
    /// An event delivered to a clinic's webhook endpoint.
    case webhook
}
