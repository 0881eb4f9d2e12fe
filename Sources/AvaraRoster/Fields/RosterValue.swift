/// A field's value once read by its ``UserField/Kind``: text as it was written, or a boolean.
///
/// The server's core takes JSON-like values; a ``RosterValue`` maps to one without this target knowing it
/// (`.text` to a string, `.bool` to a boolean), and the client tools build the SDK's parameters from it.
package enum RosterValue: Sendable, Equatable, Hashable {
    case text(String)
    case bool(Bool)
}

extension UserField {
    /// The values of `values` for `fields`, typed: each text as it is, each boolean read with
    /// ``FieldValues/boolean(_:)``; absent optional fields are left out, and values of no field in `fields` too.
    ///
    /// ```swift
    /// let typed = try UserField.typedValues(FieldValues(["email": "a@x.org", ...]), fields: UserField.viewerInvite)
    /// // typed["canManageStudies"] == .bool(true)
    /// ```
    ///
    /// - Throws: ``FieldProblems`` listing, in the order of `fields`, every required field that is absent
    ///   (``RosterFieldError/required(_:)``) and every boolean that is not one (``RosterFieldError/notABoolean(_:_:)``).
    package static func typedValues(
        _ values: FieldValues, fields: [UserField]
    ) throws(FieldProblems) -> [String: RosterValue] {
        var typed: [String: RosterValue] = [:]
        var problems: [RosterFieldError] = []
        for field in fields {
            guard let text = values[field.name] else {
                if field.isRequired { problems.append(.required(field.name)) }
                continue
            }
            switch field.kind {
            case .text:
                typed[field.name] = .text(text)
            case .boolean:
                guard let value = FieldValues.boolean(text) else {
                    problems.append(.notABoolean(field.name, text))
                    continue
                }
                typed[field.name] = .bool(value)
            }
        }
        guard problems.isEmpty else { throw FieldProblems(problems) }
        return typed
    }
}

extension [String: RosterValue] {
    /// The text of the field `name`; `nil` when it is absent or a boolean.
    package func text(_ name: String) -> String? {
        guard case .text(let text) = self[name] else { return nil }
        return text
    }

    /// The boolean of the field `name`; `nil` when it is absent or text.
    package func bool(_ name: String) -> Bool? {
        guard case .bool(let value) = self[name] else { return nil }
        return value
    }
}
