import AvaraCore
import Foundation

/// For tests only, which compare the service's own parser (``JSONParser``) with `JSONDecoder`: the service reads
/// bodies with its parser and never decodes a `JSONValue` with `Decodable`.
extension JSONValue: Decodable {
    /// Decodes any JSON value, keeping its JSON type: `true` stays a boolean and `1`
    /// stays a number (swift-foundation's `JSONDecoder` does not coerce between the two).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Strings first: they are most of a request body, and every failed attempt costs a thrown error.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
