import AvaraCore

/// The SCIM attributes of a user and the core's fields they carry.
///
/// `emails` holds the email (``SCIMUserRequest``); `name.givenName`, `name.familyName`, `name.middleName` and `name.honorificSuffix` the
/// first, last and middle names and the first suffix; the work number of `phoneNumbers` the phone number; the
/// product's own fields are the ``SCIMSchemaURN/avaraUser`` extension's attributes of the same names.
enum SCIMUserAttributes {
    /// The extension's attributes, by the core field each carries (the same names).
    static let extensionFields: [InviteField] = [
        .clinicRole, .level, .canManageStudies, .hasDashboardAccess, .canCreateReports, .npiNumber,
    ]

    /// The extension's attributes a user of `product` has: all of them for AutoScribe, all but report writing and
    /// the NPI number for Viewer.
    static func extensionFields(of product: Product) -> [InviteField] {
        extensionFields.filter { product.takesReports || ($0 != .canCreateReports && $0 != .npiNumber) }
    }

    /// The SCIM attribute that carries the core's `field`, as a client reads it in an error's detail.
    static func scimName(of field: String) -> String {
        switch InviteField(rawValue: field) {
        case .email: "emails"
        case .firstName: "name.givenName"
        case .lastName: "name.familyName"
        case .middleName: "name.middleName"
        case .suffix1: "name.honorificSuffix"
        case .phoneNumber: "phoneNumbers[type eq \"work\"].value"
        case .some(let field) where extensionFields.contains(field): "\(SCIMSchemaURN.avaraUser):\(field.rawValue)"
        default: field
        }
    }
}
