import Foundation

/// A field's value as it arrived from a surface (a JSON request body, a form, a roster row), before any rule is
/// applied.
///
/// Keeping the raw shape lets validation tell a missing field from `null`, and a
/// boolean from the string `"true"` or the number `1`, instead of coercing them.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// The JSON type of this value with its article, for messages such as
    /// "must be a boolean, got a string".
    package var typeDescription: String {
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
    package static func parseObject(_ bytes: some Collection<UInt8>) throws(JSONBodyError) -> [String: JSONValue] {
        guard case .object(let object) = try JSONParser.parse(Array(bytes)) else {
            throw .notAnObject
        }
        return object
    }
}
