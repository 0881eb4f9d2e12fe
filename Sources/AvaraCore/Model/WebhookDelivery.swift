import Foundation

/// One delivery of an event to an endpoint, as the endpoint's recent deliveries list it.
package struct WebhookDelivery: Sendable, Equatable {
    package var eventId: String
    package var eventType: EventType?
    /// `queued` (waiting for its first or next attempt), `sent` (a 2xx answer) or `failed` (given up).
    package var status: OutboxStatus
    package var attempts: Int
    /// The last attempt's HTTP status; `nil` before any, or when no answer came (a timeout, a refused connection).
    package var lastStatusCode: Int?
    package var lastDurationMilliseconds: Int?
    package var lastAttemptAt: Date?
    /// Why the last attempt failed.
    package var lastError: String?
    /// When the next attempt is due; `nil` once sent or given up.
    package var nextAttemptAt: Date?
    package var createdAt: Date

    package init(
        eventId: String, eventType: EventType?, status: OutboxStatus, attempts: Int, lastStatusCode: Int?,
        lastDurationMilliseconds: Int?, lastAttemptAt: Date?, lastError: String?, nextAttemptAt: Date?,
        createdAt: Date
    ) {
        self.eventId = eventId
        self.eventType = eventType
        self.status = status
        self.attempts = attempts
        self.lastStatusCode = lastStatusCode
        self.lastDurationMilliseconds = lastDurationMilliseconds
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
    }
}
