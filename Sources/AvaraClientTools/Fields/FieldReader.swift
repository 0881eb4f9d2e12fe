import AvaraRoster

/// Reads an update's typed values out of ``FieldValues``, collecting every problem instead of stopping at the first.
/// (An invite's values are read by ``UserField/typedValues(_:fields:)``.)
struct FieldReader {
    let values: FieldValues
    /// Optional fields to set to null (an update's `--clear`).
    var clearing: Set<String> = []
    var problems: [RosterFieldError] = []

    init(_ values: FieldValues) {
        self.values = values
    }

    /// A boolean, or `nil` when absent (and after recording a problem when unreadable).
    mutating func boolean(_ name: String) -> Bool? {
        guard let text = values[name] else { return nil }
        guard let value = FieldValues.boolean(text) else {
            problems.append(.notABoolean(name, text))
            return nil
        }
        return value
    }

    /// Throws the problems found, if any.
    func finish() throws(FieldProblems) {
        if !problems.isEmpty { throw FieldProblems(problems) }
    }
}
