import Foundation

/// One of the clinic's webhook endpoints, as listed: never its secret.
///
/// The service `POST`s every event of the types in ``eventTypes`` to ``url``, signed as
/// [Standard Webhooks](https://www.standardwebhooks.com) say; ``Webhooks/verify(payload:headers:)`` checks them.
public struct WebhookEndpoint: Codable, Equatable, Sendable {
    /// `we_` and 32 hexadecimal characters.
    public var endpointId: String
    /// Where the deliveries go: an `https://` URL that does not lead to a private network.
    public var url: URL
    /// The types of the events delivered to it.
    public var eventTypes: [WebhookEventType]
    /// What the clinic says the endpoint is for; `nil` when it said nothing.
    public var description: String?
    /// Whether it receives deliveries.
    public var status: WebhookEndpointStatus
    /// Why it is disabled: by the clinic, after a `410 Gone`, or after five days of failed deliveries; `nil` while it
    /// is enabled.
    public var disabledReason: String?
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// An endpoint as the API shows it; tests and previews make their own.
    public init(
        endpointId: String, url: URL, eventTypes: [WebhookEventType], description: String? = nil,
        status: WebhookEndpointStatus = .enabled, disabledReason: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.endpointId = endpointId
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.status = status
        self.disabledReason = disabledReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case endpointId, url, eventTypes, description, status, disabledReason, createdAt, updatedAt
    }

    /// Writes the endpoint as the server does: `null` for a description or a reason it does not have.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(endpointId, forKey: .endpointId)
        try container.encode(url, forKey: .url)
        try container.encode(eventTypes, forKey: .eventTypes)
        try container.encode(description, forKey: .description)
        try container.encode(status, forKey: .status)
        try container.encode(disabledReason, forKey: .disabledReason)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// A webhook endpoint with its signing secret, as created or after its secret was rotated: the only time the secret
/// is shown (the API's `WebhookEndpointWithSecret`).
///
/// ```swift
/// let created = try await client.webhookEndpoints.create(
///     url: URL(string: "https://hooks.clinic.example/avara")!, eventTypes: [.userInvited, .invitationAccepted])
/// print(created.endpoint.endpointId, created.secret)  // store the secret now: it is not shown again
/// let webhooks = try Webhooks(secret: created.secret)  // in the receiver
/// ```
public struct WebhookEndpointWithSecret: Codable, Equatable, Sendable {
    /// The endpoint.
    public var endpoint: WebhookEndpoint
    /// `whsec_` and the base64 of 32 bytes, for ``Webhooks/init(secret:)``: store it now.
    public var secret: String

    /// An endpoint and its secret, as the API answers its creation or a rotation.
    public init(endpoint: WebhookEndpoint, secret: String) {
        self.endpoint = endpoint
        self.secret = secret
    }

    private enum CodingKeys: String, CodingKey {
        case secret
    }

    /// Reads the endpoint's fields and `secret`, side by side in one object.
    public init(from decoder: any Decoder) throws {
        endpoint = try WebhookEndpoint(from: decoder)
        secret = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .secret)
    }

    /// Writes the endpoint's fields and `secret` in one object, as the API does.
    public func encode(to encoder: any Encoder) throws {
        try endpoint.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(secret, forKey: .secret)
    }
}
