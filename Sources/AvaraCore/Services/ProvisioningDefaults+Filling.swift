extension ProvisioningDefaults {
    /// The defaults as invite fields, for the fields missing from `fields`.
    package func filling(_ fields: [String: JSONValue], product: Product) -> [String: JSONValue] {
        var filled = fields
        let values: [(InviteField, JSONValue)] = [
            (.clinicRole, .string(clinicRole)), (.level, .string(level)), (.canManageStudies, .bool(canManageStudies)),
            (.hasDashboardAccess, .bool(hasDashboardAccess)),
        ]
        for (field, value) in values where filled[field.rawValue] == nil { filled[field.rawValue] = value }
        if product.takesReports, filled[InviteField.canCreateReports.rawValue] == nil {
            filled[InviteField.canCreateReports.rawValue] = .bool(canCreateReports)
        }
        return filled
    }
}
