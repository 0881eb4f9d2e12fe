/// An invite as the fields a surface sends, and back.
extension InviteRequest {
    /// The request as a body of fields, as the API would receive it; absent optional fields are left out.
    package var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = [
            InviteField.canManageStudies.rawValue: .bool(canManageStudies),
            InviteField.clinicRole.rawValue: .string(clinicRole),
            InviteField.email.rawValue: .string(email),
            InviteField.firstName.rawValue: .string(firstName),
            InviteField.hasDashboardAccess.rawValue: .bool(hasDashboardAccess),
            InviteField.lastName.rawValue: .string(lastName),
            InviteField.level.rawValue: .string(level),
        ]
        let optional: [(InviteField, String?)] = [
            (.middleName, middleName), (.npiNumber, npiNumber), (.phoneNumber, phoneNumber), (.suffix1, suffix1),
            (.suffix2, suffix2),
        ]
        for case (let field, let value?) in optional { fields[field.rawValue] = .string(value) }
        if let canCreateReports { fields[InviteField.canCreateReports.rawValue] = .bool(canCreateReports) }
        return fields
    }

    /// The request in `body`, a body ``InviteValidator`` found valid for `product`; `nil` when a required field is
    /// missing or a field has another type. The fields `product` does not have are dropped.
    package init?(product: Product, validBody body: [String: JSONValue]) {
        func string(_ field: InviteField) -> String? {
            if case .string(let value)? = body[field.rawValue] { value } else { nil }
        }
        func bool(_ field: InviteField) -> Bool? {
            if case .bool(let value)? = body[field.rawValue] { value } else { nil }
        }
        guard let email = string(.email), let firstName = string(.firstName), let lastName = string(.lastName),
            let clinicRole = string(.clinicRole), let level = string(.level),
            let canManageStudies = bool(.canManageStudies), let hasDashboardAccess = bool(.hasDashboardAccess)
        else { return nil }
        let hasReports = product.takesReports
        self.init(
            product: product, email: email, firstName: firstName, lastName: lastName, middleName: string(.middleName),
            suffix1: string(.suffix1), suffix2: string(.suffix2), phoneNumber: string(.phoneNumber),
            clinicRole: clinicRole, level: level, canManageStudies: canManageStudies,
            hasDashboardAccess: hasDashboardAccess, canCreateReports: hasReports ? bool(.canCreateReports) : nil,
            npiNumber: hasReports ? string(.npiNumber) : nil
        )
    }
}
