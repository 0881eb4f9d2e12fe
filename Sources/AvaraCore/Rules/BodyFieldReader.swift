/// Reads typed fields out of a JSON object, collecting a `FieldError` for each
/// missing or wrongly typed one instead of coercing it.
package struct BodyFieldReader {
    /// The request body being read.
    package let body: [String: JSONValue]
    /// Every violation found so far, in the order found.
    private(set) var errors: [FieldError] = []

    /// Creates a reader for `body` with no errors yet.
    package init(body: [String: JSONValue]) {
        self.body = body
    }

    /// Records one error on `field`.
    package mutating func report(_ field: InviteField, _ message: String) {
        errors.append(FieldError(field: field.rawValue, message: message))
    }

    /// Records an error on `field` for each of `messages`.
    package mutating func report(_ field: InviteField, _ messages: [String]) {
        for message in messages {
            report(field, message)
        }
    }

    /// Whether `field` is absent or JSON null, i.e. not given.
    package func isMissing(_ field: InviteField) -> Bool {
        switch body[field.rawValue] {
        case nil, .null?: true
        default: false
        }
    }

    /// The boolean in required `field`, or nil after reporting it missing or not a boolean.
    package mutating func requiredBool(_ field: InviteField) -> Bool? {
        guard let value = requiredValue(field) else {
            return nil
        }
        return bool(in: value, of: field)
    }

    /// The boolean in `field` when it is given; nil when it is absent or (after reporting it) null or not a boolean.
    package mutating func givenBool(_ field: InviteField) -> Bool? {
        body[field.rawValue].flatMap { bool(in: $0, of: field) }
    }

    /// The string in `field` when it is given; nil when it is absent or (after reporting it) null or not a string.
    package mutating func givenString(_ field: InviteField) -> String? {
        body[field.rawValue].flatMap { string(in: $0, of: field) }
    }

    /// A change to optional `field`: nil when it is absent, `.some(nil)` for JSON null (clear it), the string
    /// otherwise; nil also after reporting a value that is not a string.
    package mutating func clearableString(_ field: InviteField) -> String?? {
        guard let value = body[field.rawValue] else {
            return nil
        }
        if value == .null {
            return .some(nil)
        }
        return string(in: value, of: field).map { .some($0) }
    }

    /// The string in required `field`, or nil after reporting it missing or not a string.
    package mutating func requiredString(_ field: InviteField) -> String? {
        guard let value = requiredValue(field) else {
            return nil
        }
        return string(in: value, of: field)
    }

    /// The string in optional `field`, or nil when it is absent, JSON null, or
    /// (after reporting it) not a string.
    package mutating func optionalString(_ field: InviteField) -> String? {
        guard let value = body[field.rawValue], value != .null else {
            return nil
        }
        return string(in: value, of: field)
    }

    /// The value of required `field`, or nil after reporting it as missing.
    /// JSON null is passed through so that it is reported as the wrong type.
    private mutating func requiredValue(_ field: InviteField) -> JSONValue? {
        guard let value = body[field.rawValue] else {
            report(field, "is required")
            return nil
        }
        return value
    }

    /// The boolean that `value` holds, or nil after reporting `field` as not a boolean.
    private mutating func bool(in value: JSONValue, of field: InviteField) -> Bool? {
        guard case .bool(let bool) = value else {
            report(field, "must be a boolean, got \(value.typeDescription)")
            return nil
        }
        return bool
    }

    /// The string that `value` holds, or nil after reporting `field` as not a string.
    private mutating func string(in value: JSONValue, of field: InviteField) -> String? {
        guard case .string(let string) = value else {
            report(field, "must be a string, got \(value.typeDescription)")
            return nil
        }
        return string
    }
}
