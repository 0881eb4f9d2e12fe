import Foundation

extension APIKeyRecord {
    /// The key as the API lists it (openapi.yaml's `APIKey`), for events: never its secret, which nothing keeps.
    package var eventData: JSONValue {
        .object([
            "keyId": .string(keyId), "name": .string(name), "prefix": .string(prefix),
            "createdAt": .string(Timestamp.string(createdAt)),
            "lastUsedAt": lastUsedAt.map { .string(Timestamp.string($0)) } ?? .null,
            "revokedAt": revokedAt.map { .string(Timestamp.string($0)) } ?? .null,
            "createdByKeyId": createdByKeyId.map(JSONValue.string) ?? .null,
        ])
    }
}
