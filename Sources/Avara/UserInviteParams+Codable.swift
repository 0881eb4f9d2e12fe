extension UserInviteParams: Codable {
    enum CodingKeys: String, CodingKey {
        case canManageStudies, clinicRole, email, firstName, hasDashboardAccess, lastName, level, middleName
        case phoneNumber, suffix1, suffix2
    }

    /// Reads an invite's JSON; in a product that takes reports, with the report writer's fields.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            canManageStudies: try container.decode(Bool.self, forKey: .canManageStudies),
            clinicRole: try container.decode(Product.ClinicRole.self, forKey: .clinicRole),
            email: try container.decode(String.self, forKey: .email),
            firstName: try container.decode(String.self, forKey: .firstName),
            hasDashboardAccess: try container.decode(Bool.self, forKey: .hasDashboardAccess),
            lastName: try container.decode(String.self, forKey: .lastName),
            level: try container.decode(UserLevel.self, forKey: .level),
            middleName: try container.decodeIfPresent(String.self, forKey: .middleName),
            phoneNumber: try container.decodeIfPresent(String.self, forKey: .phoneNumber),
            suffix1: try container.decodeIfPresent(String.self, forKey: .suffix1),
            suffix2: try container.decodeIfPresent(String.self, forKey: .suffix2),
            reportWriting: Product.takesReports ? try ReportWriting(from: decoder) : nil
        )
    }

    /// Writes the invite as the API reads it; absent optional fields are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(canManageStudies, forKey: .canManageStudies)
        try container.encode(clinicRole, forKey: .clinicRole)
        try container.encode(email, forKey: .email)
        try container.encode(firstName, forKey: .firstName)
        try container.encode(hasDashboardAccess, forKey: .hasDashboardAccess)
        try container.encode(lastName, forKey: .lastName)
        try container.encode(level, forKey: .level)
        try container.encodeIfPresent(middleName, forKey: .middleName)
        try container.encodeIfPresent(phoneNumber, forKey: .phoneNumber)
        try container.encodeIfPresent(suffix1, forKey: .suffix1)
        try container.encodeIfPresent(suffix2, forKey: .suffix2)
        try reportWriting?.encode(to: encoder)
    }
}
