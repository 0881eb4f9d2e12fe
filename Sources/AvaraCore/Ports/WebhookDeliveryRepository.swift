import Foundation

/// What a webhook delivery needs at the moment it goes out, read then (the endpoint may have changed since the
/// event was queued).
package struct WebhookDeliveryTarget: Sendable, Equatable {
    package var endpoint: WebhookEndpoint
    /// The sealed secrets that sign: the current one, then the previous one while its overlap lasts.
    package var sealedSecrets: [String]
    /// Since when every delivery to the endpoint failed; `nil` while the last one succeeded.
    package var failingSince: Date?
    package var event: DomainEvent

    package init(endpoint: WebhookEndpoint, sealedSecrets: [String], failingSince: Date?, event: DomainEvent) {
        self.endpoint = endpoint
        self.sealedSecrets = sealedSecrets
        self.failingSince = failingSince
        self.event = event
    }
}

/// The outcome of one attempt, as the outbox records it.
package struct WebhookAttemptRecord: Sendable, Equatable {
    package var messageId: String
    package var endpointId: String
    package var attempts: Int
    /// When to try again; `nil` to give up (or, with `delivered`, done).
    package var nextAttemptAt: Date?
    package var delivered: Bool
    package var statusCode: Int?
    package var durationMilliseconds: Int?
    package var error: String?
    package var at: Date

    package init(
        messageId: String, endpointId: String, attempts: Int, nextAttemptAt: Date?, delivered: Bool, statusCode: Int?,
        durationMilliseconds: Int?, error: String?, at: Date
    ) {
        self.messageId = messageId
        self.endpointId = endpointId
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.delivered = delivered
        self.statusCode = statusCode
        self.durationMilliseconds = durationMilliseconds
        self.error = error
        self.at = at
    }
}

/// The delivery side of webhooks: what a delivery goes out with, and what became of it.
package protocol WebhookDeliveryRepository: Sendable {
    /// The endpoint, its signing secrets and the event of a delivery as of `now`; `nil` when the endpoint was
    /// removed or the event purged.
    func target(endpointId: String, eventId: String, now: Date) async throws -> WebhookDeliveryTarget?

    /// Records an attempt on its outbox message and ends the message's claim: delivered (and the endpoint no
    /// longer failing), to be retried at `nextAttemptAt`, or given up. A failed attempt marks the endpoint failing
    /// from now unless it already was. With `disable`, the endpoint is disabled for its reason and its event is
    /// written, in the same transaction.
    func record(_ attempt: WebhookAttemptRecord, disable: (reason: String, event: DomainEvent)?) async throws
}
