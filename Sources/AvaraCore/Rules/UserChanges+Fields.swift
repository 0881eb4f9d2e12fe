/// An update as the fields a surface sends.
extension UserChanges {
    /// The changes as a body of fields, as the API would receive them: a field to clear is `null`, a field left as
    /// it is absent.
    package var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        let flags: [(InviteField, Bool?)] = [
            (.canCreateReports, canCreateReports), (.canManageStudies, canManageStudies),
            (.hasDashboardAccess, hasDashboardAccess),
        ]
        for case (let field, let value?) in flags { fields[field.rawValue] = .bool(value) }
        let required: [(InviteField, String?)] = [
            (.clinicRole, clinicRole), (.firstName, firstName), (.lastName, lastName), (.level, level),
        ]
        for case (let field, let value?) in required { fields[field.rawValue] = .string(value) }
        let clearable: [(InviteField, String??)] = [
            (.middleName, middleName), (.npiNumber, npiNumber), (.phoneNumber, phoneNumber), (.suffix1, suffix1),
            (.suffix2, suffix2),
        ]
        for case (let field, let change?) in clearable {
            fields[field.rawValue] = change.map(JSONValue.string) ?? .null
        }
        return fields
    }
}
