import Foundation

extension WebhookEndpoint {
    /// The endpoint as the API shows it (openapi.yaml's `WebhookEndpoint`), for its events and answers: never its
    /// secret.
    package var eventData: JSONValue {
        .object([
            "endpointId": .string(endpointId), "url": .string(url),
            "eventTypes": .array(eventTypes.map { .string($0.rawValue) }),
            "description": description.map(JSONValue.string) ?? .null, "status": .string(status.rawValue),
            "disabledReason": disabledReason.map(JSONValue.string) ?? .null,
            "createdAt": .string(Timestamp.string(createdAt)), "updatedAt": .string(Timestamp.string(updatedAt)),
        ])
    }
}
