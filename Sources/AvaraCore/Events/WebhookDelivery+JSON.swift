import Foundation

extension WebhookDelivery {
    /// The delivery as openapi.yaml's `WebhookDelivery` writes it.
    package var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "eventId": .string(eventId), "status": .string(status.rawValue), "attempts": .number(Double(attempts)),
            "createdAt": .string(Timestamp.string(createdAt)),
        ]
        object["eventType"] = eventType.map { JSONValue.string($0.rawValue) } ?? .null
        object["lastStatusCode"] = lastStatusCode.map { JSONValue.number(Double($0)) } ?? .null
        object["lastDurationMs"] = lastDurationMilliseconds.map { JSONValue.number(Double($0)) } ?? .null
        object["lastAttemptAt"] = Self.text(of: lastAttemptAt)
        object["lastError"] = lastError.map(JSONValue.string) ?? .null
        object["nextAttemptAt"] = Self.text(of: nextAttemptAt)
        return .object(object)
    }

    private static func text(of date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .string(Timestamp.string(date))
    }
}
