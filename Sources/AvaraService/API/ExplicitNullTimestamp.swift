import AvaraCore
import Foundation

/// A timestamp that is always present in JSON, as an RFC 3339 string or as `null`.
///
/// The contract makes `createdAt` and `lastLoginAt` required but nullable (`"lastLoginAt": null` until the first
/// login). Synthesized `Codable` omits `nil` optionals, so openapi-generator-config.yaml maps the spec's
/// `NullableTimestamp` schema to this type: the generated property is `ExplicitNullTimestamp?`, set to
/// `.some` by the service, and this type writes the explicit `null`.
struct ExplicitNullTimestamp: Codable, Hashable, Sendable {
    var date: Date?

    init(_ date: Date?) {
        self.date = date
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        date = container.decodeNil() ? nil : try container.decode(Date.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let date {
            try container.encode(date)
        } else {
            try container.encodeNil()
        }
    }
}
