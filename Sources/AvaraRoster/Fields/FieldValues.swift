/// Named values of a user's fields, as text: a roster row or the options of a command.
///
/// An empty value is no value: an empty cell means the field is absent.
package struct FieldValues: Sendable, Equatable {
    package private(set) var values: [String: String]

    /// The non-empty values of `values`.
    package init(_ values: [String: String]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    package subscript(name: String) -> String? { values[name] }

    /// `text` as a boolean: `true`/`false`, `yes`/`no` or `1`/`0`, in any case; `nil` for anything else.
    package static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "1": true
        case "false", "no", "0": false
        default: nil
        }
    }
}

/// The fields that are missing or unreadable, found before anything is sent; the same shape as the API's 422.
package struct FieldProblems: Error, Sendable, Equatable {
    package var errors: [RosterFieldError]

    package init(_ errors: [RosterFieldError]) {
        self.errors = errors
    }
}
