import AvaraCore

/// A SCIM filter of users, as the user directory searches: exact matches of `userName` (or `emails.value`, also
/// Entra ID's `emails[type eq "work"].value`), `externalId` and `id`, combined with `and`. Other filters answer
/// `400 invalidFilter` saying what is supported.
///
/// ```swift
/// let filter = try SCIMUserQuery.filter(SCIMFilter.parse(#"userName eq "ada@acme.test""#))
/// // UserFilter(userName: "ada@acme.test"); nil for a filter no user can match (two different userNames)
/// ```
enum SCIMUserQuery {
    static let supported =
        #"filters are eq on userName, emails.value, emails[type eq "work"].value, externalId or id, joined by and"#

    static func filter(_ scimFilter: SCIMFilter) throws(SCIMError) -> UserFilter? {
        var filter: UserFilter? = UserFilter()
        try add(scimFilter, to: &filter)
        return filter
    }

    private static func add(_ scimFilter: SCIMFilter, to filter: inout UserFilter?) throws(SCIMError) {
        switch scimFilter {
        case .and(let left, let right):
            try add(left, to: &filter)
            try add(right, to: &filter)
        case .comparison(let path, .equal, .string(let value)):
            constrain(&filter, attribute: try attribute(of: path), to: value)
        default:
            throw SCIMError.invalidFilter("Unsupported filter: \(supported).")
        }
    }

    /// The attribute `path` names among those supported: `username`, `email`, `externalid` or `id`.
    private static func attribute(of path: SCIMAttributePath) throws(SCIMError) -> String {
        if let schema = path.normalizedSchema, schema != SCIMSchemaURN.user.lowercased() {
            throw SCIMError.invalidFilter("Unsupported filter: \(supported).")
        }
        switch (path.normalizedAttribute, path.normalizedSubAttribute, path.valueFilter) {
        case ("username", nil, nil), ("externalid", nil, nil), ("id", nil, nil):
            return path.normalizedAttribute
        case ("emails", "value", nil):
            return "email"
        case ("emails", "value", .comparison(let typePath, .equal, .string(let type)))
        where typePath.normalizedAttribute == "type" && type.lowercased() == "work":
            return "email"
        default:
            throw SCIMError.invalidFilter("Unsupported filter: \(supported).")
        }
    }

    /// Adds `attribute eq value`; two different values of one attribute match no user (`nil`).
    private static func constrain(_ filter: inout UserFilter?, attribute: String, to value: String) {
        guard var constrained = filter else { return }
        func set(_ current: inout String?, caseless: Bool) -> Bool {
            guard let existing = current else {
                current = value
                return true
            }
            return caseless ? existing.lowercased() == value.lowercased() : existing == value
        }
        let possible =
            switch attribute {
            case "username": set(&constrained.userName, caseless: true)
            case "email": set(&constrained.email, caseless: true)
            case "externalid": set(&constrained.externalId, caseless: false)
            default: set(&constrained.userId, caseless: false)
            }
        filter = possible ? constrained : nil
    }
}
