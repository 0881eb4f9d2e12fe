import Avara

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
    package var errors: [AvaraError.FieldError]

    package init(_ errors: [AvaraError.FieldError]) {
        self.errors = errors
    }
}

/// Reads typed values out of ``FieldValues``, collecting every problem instead of stopping at the first.
struct FieldReader {
    let values: FieldValues
    /// Optional fields to set to null (an update's `--clear`).
    var clearing: Set<String> = []
    var problems: [AvaraError.FieldError] = []

    /// A reader of an invite's values.
    init(_ values: FieldValues) {
        self.values = values
    }

    /// A field an invite needs; "" after recording a problem when it is absent.
    mutating func required(_ name: String) -> String {
        guard let value = values[name] else {
            problems.append(.init(field: name, message: "is required"))
            return ""
        }
        return value
    }

    /// A boolean an invite needs; `false` after recording a problem when it is absent or unreadable.
    mutating func requiredBoolean(_ name: String) -> Bool {
        guard values[name] != nil else {
            problems.append(.init(field: name, message: "is required"))
            return false
        }
        return boolean(name) ?? false
    }

    /// A boolean, or `nil` when absent (and after recording a problem when unreadable).
    mutating func boolean(_ name: String) -> Bool? {
        guard let text = values[name] else { return nil }
        guard let value = FieldValues.boolean(text) else {
            problems.append(.init(field: name, message: "must be true or false (or yes/no, 1/0), got \"\(text)\""))
            return nil
        }
        return value
    }

    /// Throws the problems found, if any.
    func finish() throws(FieldProblems) {
        if !problems.isEmpty { throw FieldProblems(problems) }
    }
}
