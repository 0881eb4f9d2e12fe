/// A JSON value kept as it came: the parts of a ``WebhookEvent`` whose shape depends on the event's type
/// (``WebhookEvent/data`` and ``WebhookEvent/previousValues``).
///
/// ```swift
/// if case .string(let email) = event.data["email"] { print(email) }
/// ```
public enum WebhookJSON: Codable, Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number; integers beyond 2^53 lose precision, as in JavaScript.
    case number(Double)
    /// A string.
    case string(String)
    /// An array of values.
    case array([WebhookJSON])
    /// An object: its members by name.
    case object([String: WebhookJSON])

    /// The member named `key` of an object; `nil` when this is not an object or has no such member.
    public subscript(key: String) -> WebhookJSON? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// Reads any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([WebhookJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: WebhookJSON].self))
        }
    }

    /// Writes the value as the JSON it came from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
