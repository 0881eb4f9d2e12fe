import Foundation

/// A JSON value as it arrived in a request body, before any rule is applied.
///
/// Keeping the raw shape lets validation tell a missing field from `null`, and a
/// boolean from the string `"true"` or the number `1`, instead of coercing them.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: Decodable {
    /// Decodes any JSON value, keeping its JSON type: `true` stays a boolean and `1`
    /// stays a number (swift-foundation's `JSONDecoder` does not coerce between the two).
    init(from decoder: any Decoder) throws {
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

extension JSONValue {
    /// The JSON type of this value with its article, for messages such as
    /// "must be a boolean, got a string".
    var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    /// Parses a request body that must be a single JSON object.
    ///
    /// - Throws: `JSONBodyError.notJSON` when the bytes are not valid JSON (including
    ///   nesting deeper than the decoder allows or numbers out of `Double` range), and
    ///   `JSONBodyError.notAnObject` when they are valid JSON but not an object.
    static func parseObject(_ bytes: some Collection<UInt8>) throws(JSONBodyError) -> [String: JSONValue] {
        guard case .object(let object) = try JSONParser.parse(Array(bytes)) else {
            throw .notAnObject
        }
        return object
    }
}
