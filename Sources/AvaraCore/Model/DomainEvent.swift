import Foundation

/// One change of state in a clinic, written in the same transaction as the change: the audit log's entries and
/// what webhooks deliver.
///
/// ```swift
/// let event = context.event(.userInvited, product: .viewer, subjectId: user.userId, data: user.eventData, at: now,
///     random: random)
/// ```
package struct DomainEvent: Sendable, Equatable {
    /// `evt_` and 32 hex digits (``EventIDs``): ids sort in the order events were made.
    package var eventId: String
    package var type: EventType
    package var clinicId: String
    /// The product of the user the event is about; `nil` for a clinic's keys and endpoints.
    package var product: Product?
    package var actor: EventActor
    /// How the change came in; `nil` for the service's own work.
    package var surface: CommandContext.Surface?
    package var requestId: String?
    package var clientAddress: String?
    /// The id of the user, key or endpoint the event is about.
    package var subjectId: String?
    /// The resource after the change (for a removal, as it was), as the API shows it: never a token, a link, a
    /// password or a key's secret.
    package let data: JSONValue
    /// ``data`` as JSON text, written when the event is made: where a request makes it, not on the database's
    /// writer, which stores it. An event read back keeps the stored text (pass it as `dataJSON`).
    package let dataJSON: String
    /// For `user.updated`: the fields that changed, with their values before the change.
    package var previousValues: [String: JSONValue]?
    package var createdAt: Date

    package init(
        eventId: String, type: EventType, clinicId: String, product: Product?, actor: EventActor,
        surface: CommandContext.Surface?, requestId: String?, clientAddress: String?, subjectId: String?,
        data: JSONValue, dataJSON: String? = nil, previousValues: [String: JSONValue]? = nil, createdAt: Date
    ) {
        self.eventId = eventId
        self.type = type
        self.clinicId = clinicId
        self.product = product
        self.actor = actor
        self.surface = surface
        self.requestId = requestId
        self.clientAddress = clientAddress
        self.subjectId = subjectId
        self.data = data
        self.dataJSON = dataJSON ?? data.jsonText
        self.previousValues = previousValues
        self.createdAt = createdAt
    }

    /// The prefix of every event id.
    package static let idPrefix = "evt_"
}

/// Who made a change, as events record it.
package struct EventActor: Sendable, Equatable {
    /// `api_key`, `user`, `cli` or `system`.
    package var type: String
    /// The key's or the user's id; `nil` for the CLI and the system.
    package var id: String?
    /// The key's name, as it was when it acted.
    package var name: String?

    package init(type: String, id: String? = nil, name: String? = nil) {
        self.type = type
        self.id = id
        self.name = name
    }

    package init(_ actor: CommandContext.Actor) {
        switch actor {
        case .apiKey(let id, let name): self.init(type: "api_key", id: id, name: name)
        case .user(let id, _, _): self.init(type: "user", id: id)
        case .cli: self.init(type: "cli")
        case .system: self.init(type: "system")
        }
    }
}
