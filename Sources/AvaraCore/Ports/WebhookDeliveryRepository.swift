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

/// An endpoint disabled by a delivery's answer: why, and the `webhook_endpoint.disabled` event that says so.
package struct WebhookEndpointDisabling: Sendable, Equatable {
    package var reason: String
    package var event: DomainEvent

    package init(reason: String, event: DomainEvent) {
        self.reason = reason
        self.event = event
    }
}

/// What one attempt comes to: its record and, when the answer disables the endpoint, the disabling.
package struct WebhookAttemptOutcome: Sendable, Equatable {
    package var record: WebhookAttemptRecord
    package var disable: WebhookEndpointDisabling?

    package init(record: WebhookAttemptRecord, disable: WebhookEndpointDisabling? = nil) {
        self.record = record
        self.disable = disable
    }
}

/// The delivery side of webhooks: what deliveries go out with, and what became of them.
package protocol WebhookDeliveryRepository: Sendable {
    /// The endpoint, its signing secrets and the event of each of `messages` as of `now`, by message id; a message
    /// whose endpoint was removed or whose event was purged has none. One read for the whole batch.
    func targets(of messages: [DueMessage], now: Date) async throws -> [String: WebhookDeliveryTarget]

    /// Records attempts on their outbox messages and ends the messages' claims, in one transaction: delivered
    /// (and the endpoint no longer failing), to be retried at `nextAttemptAt`, or given up. A failed attempt marks
    /// the endpoint failing from then unless it already was. An outcome with `disable` disables its endpoint for
    /// its reason and writes its event, unless an earlier one did.
    ///
    /// - Returns: For each outcome, in order, whether it disabled its endpoint.
    func record(_ outcomes: [WebhookAttemptOutcome]) async throws -> [Bool]
}
