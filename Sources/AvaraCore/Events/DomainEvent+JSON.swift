import Foundation

extension DomainEvent {
    /// The event as the API lists it and webhooks deliver it (openapi.yaml's `Event`), written once here so that
    /// both say the same; a test holds its members against the schema.
    package var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "eventId": .string(eventId), "type": .string(type.rawValue),
            "createdAt": .string(Timestamp.string(createdAt)), "clinicId": .string(clinicId),
            "product": product.map { .string($0.rawValue) } ?? .null,
            "actor": .object([
                "type": .string(actor.type), "id": actor.id.map(JSONValue.string) ?? .null,
                "name": actor.name.map(JSONValue.string) ?? .null,
            ]),
            "surface": surface.map { .string($0.rawValue) } ?? .null,
            "requestId": requestId.map(JSONValue.string) ?? .null,
            "clientAddress": clientAddress.map(JSONValue.string) ?? .null,
            "data": data,
        ]
        if let previousValues { object["previousValues"] = .object(previousValues) }
        return .object(object)
    }
}
