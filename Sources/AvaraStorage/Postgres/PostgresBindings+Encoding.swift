import PostgresNIO

extension PostgresBindings {
    /// SQLKit's binds encoded as PostgresKit encodes them (`nil` as NULL, PostgresNIO's own types directly), with
    /// the PostgreSQL type of each (`0` for NULL); `nil` when a bind is of another type, which PostgresKit encodes
    /// through `Codable`.
    static func encoding(_ binds: [any Encodable & Sendable]) -> (bindings: PostgresBindings, types: [UInt32])? {
        var bindings = PostgresBindings(capacity: binds.count)
        var types: [UInt32] = []
        types.reserveCapacity(binds.count)
        for bind in binds {
            guard let type = bindings.append(encoding: bind) else { return nil }
            types.append(type)
        }
        return (bindings, types)
    }

    private mutating func append(encoding value: any Encodable & Sendable) -> UInt32? {
        if let optional = value as? any OptionalBind, optional.isNone {
            appendNull()
            return 0
        }
        guard let value = value as? any PostgresThrowingDynamicTypeEncodable, (try? append(value)) != nil else {
            return nil
        }
        return value.psqlType.rawValue
    }
}

/// An `Optional` bind, which SQLKit passes as `any Encodable` (`value as Any?` does not see its `nil`).
private protocol OptionalBind {
    var isNone: Bool { get }
}

extension Optional: OptionalBind {
    fileprivate var isNone: Bool { self == nil }
}
