/// A string that is always present in JSON, as itself or as `null`: the `NullableKeyId` schema of openapi.yaml
/// (`createdByKeyId`), mapped to this type by openapi-generator-config.yaml, as ``ExplicitNullTimestamp`` is for
/// timestamps.
struct ExplicitNullString: Codable, Hashable, Sendable {
    var value: String?

    init(_ value: String?) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(String.self)
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
