import Foundation

/// A value that is always present in JSON, as itself or as `null`.
///
/// The contract makes some fields required but nullable (`"lastLoginAt": null` until the first login,
/// `"createdByKeyId": null` for a key the CLI made). Synthesized `Codable` omits `nil` optionals, so
/// openapi-generator-config.yaml maps the spec's `NullableTimestamp` and `NullableKeyId` schemas to the aliases below:
/// the generated property is `ExplicitNullTimestamp?`, set to `.some` by the service, and this type writes the
/// explicit `null`.
struct ExplicitNull<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    var value: Value?

    init(_ value: Value?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value {
            try container.encode(value)
        } else {
            try container.encodeNil()
        }
    }
}

/// `NullableTimestamp`: an RFC 3339 timestamp or `null`.
typealias ExplicitNullTimestamp = ExplicitNull<Date>
/// `NullableKeyId`: an API key's id or `null`.
typealias ExplicitNullString = ExplicitNull<String>
