import Foundation

/// One change of state in a clinic, as a webhook delivers it (the API's `Event`): what happened, to what, by whom
/// and through which surface.
///
/// ``Webhooks/verify(payload:headers:)`` returns it once the delivery's signature checks out:
///
/// ```swift
/// let event = try webhooks.verify(payload: body, headers: headers)
/// if event.type == .userInvited, case .string(let email) = event.data["email"] {
///     print("\(email) invited by \(event.actor.name ?? event.actor.type)")
/// }
/// ```
///
/// `print(event)` shows it as JSON.
public struct WebhookEvent: Codable, Equatable, Sendable, CustomStringConvertible {
    /// `evt_` and 32 hexadecimal characters; ids sort in the order events were made. Deliveries may repeat: use it
    /// to handle each event once.
    public var eventId: String
    /// What happened, e.g. ``WebhookEventType/userInvited``; a type this SDK does not know is kept as
    /// ``WebhookEventType/unknown(_:)``.
    public var type: WebhookEventType
    /// When it happened.
    public var createdAt: Date
    /// The clinic it happened in.
    public var clinicId: String
    /// The product of the user the event is about (`viewer`, `autoScribe`); `nil` for keys and webhook endpoints.
    public var product: String?
    /// Who made the change.
    public var actor: WebhookEventActor
    /// How the change came in (`api`, `dashboard`, `scim`, `cli`); `nil` for the service's own work.
    public var surface: String?
    /// The `X-Request-Id` of the request that made the change.
    public var requestId: String?
    /// The IP address the request came from.
    public var clientAddress: String?
    /// The resource after the change (for `user.deleted`, as it was), as the API shows it.
    public var data: WebhookJSON
    /// For `user.updated`, the fields that changed, each with its value before the change; `nil` otherwise.
    public var previousValues: [String: WebhookJSON]?

    /// An event as a webhook delivers it; tests of a receiver make their own.
    public init(
        eventId: String, type: WebhookEventType, createdAt: Date, clinicId: String, product: String?,
        actor: WebhookEventActor, surface: String?, requestId: String?, clientAddress: String?, data: WebhookJSON,
        previousValues: [String: WebhookJSON]? = nil
    ) {
        self.eventId = eventId
        self.type = type
        self.createdAt = createdAt
        self.clinicId = clinicId
        self.product = product
        self.actor = actor
        self.surface = surface
        self.requestId = requestId
        self.clientAddress = clientAddress
        self.data = data
        self.previousValues = previousValues
    }

    private enum CodingKeys: String, CodingKey {
        case eventId, type, createdAt, clinicId, product, actor, surface, requestId, clientAddress, data
        case previousValues
    }

    /// Writes the event as the server does: `null` for the fields without a value, `previousValues` only when set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventId, forKey: .eventId)
        try container.encode(type, forKey: .type)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(clinicId, forKey: .clinicId)
        try container.encode(product, forKey: .product)
        try container.encode(actor, forKey: .actor)
        try container.encode(surface, forKey: .surface)
        try container.encode(requestId, forKey: .requestId)
        try container.encode(clientAddress, forKey: .clientAddress)
        try container.encode(data, forKey: .data)
        try container.encodeIfPresent(previousValues, forKey: .previousValues)
    }

    /// The event as indented JSON with sorted keys.
    public var description: String { WireFormat.prettyDescription(of: self) }
}
