/// A new value for an optional field of an update, or `null` to clear it.
///
/// In an update, a field left `nil` is not sent and stays as it is; ``null`` clears it; ``value(_:)`` sets it.
/// String literals set a value directly:
///
/// ```swift
/// try await client.viewer.users.update(userId: id, middleName: "Anne", phoneNumber: .null)
/// try await client.viewer.users.update(userId: id, suffix1: Nullable(newSuffix)) // nil clears
/// ```
public enum Nullable<Wrapped: Sendable & Equatable>: Sendable, Equatable {
    /// Clears the field: sent as JSON `null`.
    case null
    /// Sets the field to this value.
    case value(Wrapped)

    /// ``value(_:)`` for a value, ``null`` for `nil`.
    public init(_ value: Wrapped?) {
        self = value.map(Self.value) ?? .null
    }

    /// The value set, or `nil` when the field is cleared.
    public var wrapped: Wrapped? {
        guard case .value(let value) = self else { return nil }
        return value
    }
}

extension Nullable: Encodable where Wrapped: Encodable {
    /// Writes the value, or JSON `null` for ``null``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .value(let value): try container.encode(value)
        }
    }
}

extension Nullable: Decodable where Wrapped: Decodable {
    /// Reads JSON `null` as ``null``, anything else as a value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
    }
}

extension Nullable: ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral,
    ExpressibleByStringLiteral
where Wrapped == String {
    /// A string literal sets the field: `middleName: "Anne"`.
    public init(stringLiteral value: String) {
        self = .value(value)
    }
}
