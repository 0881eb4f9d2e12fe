import Foundation

/// One delivery of an event to a webhook endpoint, as its recent deliveries list it: its status, its last attempt
/// and its next one.
///
/// ```swift
/// for delivery in try await client.webhookEndpoints.deliveries(endpointId: id) where delivery.status == .failed {
///     print(delivery.eventId, delivery.lastStatusCode ?? 0, delivery.lastError ?? "")
/// }
/// ```
public struct WebhookDelivery: Codable, Equatable, Sendable {
    /// The event delivered (`evt_…`), also the delivery's `webhook-id`.
    public var eventId: String
    /// The event's type; `nil` once the event itself has been purged.
    public var eventType: WebhookEventType?
    /// `queued` (waiting for its first or next attempt), `sent` (answered 2xx) or `failed` (given up).
    public var status: WebhookDeliveryStatus
    /// The attempts made so far.
    public var attempts: Int
    /// The HTTP status of the last attempt; `nil` before any, or when no answer came (a timeout, a refused
    /// connection).
    public var lastStatusCode: Int?
    /// How long the last attempt took, in milliseconds.
    public var lastDurationMs: Int?
    /// When the last attempt was made; `nil` before any.
    public var lastAttemptAt: Date?
    /// Why the last attempt failed.
    public var lastError: String?
    /// When the next attempt is due; `nil` once sent or given up.
    public var nextAttemptAt: Date?
    /// When the delivery was queued.
    public var createdAt: Date

    /// A delivery as the API lists it; tests and previews make their own.
    public init(
        eventId: String, eventType: WebhookEventType?, status: WebhookDeliveryStatus, attempts: Int,
        lastStatusCode: Int? = nil, lastDurationMs: Int? = nil, lastAttemptAt: Date? = nil, lastError: String? = nil,
        nextAttemptAt: Date? = nil, createdAt: Date
    ) {
        self.eventId = eventId
        self.eventType = eventType
        self.status = status
        self.attempts = attempts
        self.lastStatusCode = lastStatusCode
        self.lastDurationMs = lastDurationMs
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case eventId, eventType, status, attempts, lastStatusCode, lastDurationMs, lastAttemptAt, lastError
        case nextAttemptAt, createdAt
    }

    /// Writes the delivery as the server does: `null` for the fields without a value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventId, forKey: .eventId)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(status, forKey: .status)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(lastStatusCode, forKey: .lastStatusCode)
        try container.encode(lastDurationMs, forKey: .lastDurationMs)
        try container.encode(lastAttemptAt, forKey: .lastAttemptAt)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
