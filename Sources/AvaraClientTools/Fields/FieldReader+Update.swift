import Avara

extension FieldReader {
    /// An optional value of an update: the new value, `.null` when cleared, `nil` to leave it unchanged.
    mutating func nullable(_ name: String) -> Nullable<String>? {
        if clearing.contains(name) {
            if values[name] != nil {
                problems.append(.init(field: name, message: "cannot be both set and cleared"))
            }
            return .null
        }
        return values[name].map { .value($0) }
    }
}
