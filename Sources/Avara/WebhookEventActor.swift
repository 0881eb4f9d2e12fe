/// Who made the change a ``WebhookEvent`` records.
public struct WebhookEventActor: Codable, Equatable, Sendable {
    /// `api_key` (a clinic's API key, through the API or SCIM), `user` (a signed-in user, or an invited one
    /// accepting), `cli` (an operator at the server) or `system` (the service itself).
    public var type: String
    /// The key's or the user's id.
    public var id: String?
    /// The key's name when it acted.
    public var name: String?

    /// An actor as a webhook delivers it.
    public init(type: String, id: String?, name: String?) {
        self.type = type
        self.id = id
        self.name = name
    }

    private enum CodingKeys: String, CodingKey {
        case type, id, name
    }

    /// Writes the actor as the server does: `null` for an id or a name it does not have.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
    }
}
