/// The changes of an update of a product's user: ``Viewer/UserUpdateParams`` or ``AutoScribe/UserUpdateParams``;
/// any field of an invite except `email`.
///
/// A field left `nil` is not sent and stays as it is; optional fields are cleared with ``Nullable/null``. The
/// user that results must pass the invite's rules, or the update fails with
/// ``AvaraError/Kind/unprocessableEntity`` and changes nothing.
///
/// ```swift
/// var changes = AutoScribe.UserUpdateParams(level: .admin)
/// changes.npiNumber = "1234567893"
/// let user = try await client.autoScribe.users.update(userId: id, changes)
/// ```
public struct UserUpdateParams<Product: AvaraProduct>: Encodable, Equatable, Sendable {
    /// Whether the user may create, update and manage studies.
    public var canManageStudies: Bool?
    /// The user's clinical or organizational role.
    public var clinicRole: Product.ClinicRole?
    /// At least one non-blank character, at most 100.
    public var firstName: String?
    /// Whether the user may log in to the dashboard. Must stay `true` for admins.
    public var hasDashboardAccess: Bool?
    /// At least one non-blank character, at most 100.
    public var lastName: String?
    /// `admin` or `member`; an admin needs dashboard access.
    public var level: UserLevel?
    /// The middle name or initial; ``Nullable/null`` clears it.
    public var middleName: Nullable<String>?
    /// 10 to 15 digits, nothing else.
    public var phoneNumber: Nullable<String>?
    /// A name suffix such as `Jr.` or `MD`.
    public var suffix1: Nullable<String>?
    /// A second name suffix such as `FACR`.
    public var suffix2: Nullable<String>?
    /// The changes to the report writer's fields, in a product that takes reports.
    var reportWriting = ReportWritingChanges()

    enum CodingKeys: String, CodingKey {
        case canManageStudies, clinicRole, firstName, hasDashboardAccess, lastName, level, middleName, phoneNumber
        case suffix1, suffix2
    }

    /// Writes the fields that change; a field left `nil` is not sent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(canManageStudies, forKey: .canManageStudies)
        try container.encodeIfPresent(clinicRole, forKey: .clinicRole)
        try container.encodeIfPresent(firstName, forKey: .firstName)
        try container.encodeIfPresent(hasDashboardAccess, forKey: .hasDashboardAccess)
        try container.encodeIfPresent(lastName, forKey: .lastName)
        try container.encodeIfPresent(level, forKey: .level)
        try container.encodeIfPresent(middleName, forKey: .middleName)
        try container.encodeIfPresent(phoneNumber, forKey: .phoneNumber)
        try container.encodeIfPresent(suffix1, forKey: .suffix1)
        try container.encodeIfPresent(suffix2, forKey: .suffix2)
        try reportWriting.encode(to: encoder)
    }
}

extension UserUpdateParams {
    /// Changes to the fields every product has; ``AutoScribe``'s report writer's fields are set on the value made.
    public init(
        canManageStudies: Bool? = nil, clinicRole: Product.ClinicRole? = nil, firstName: String? = nil,
        hasDashboardAccess: Bool? = nil, lastName: String? = nil, level: UserLevel? = nil,
        middleName: Nullable<String>? = nil, phoneNumber: Nullable<String>? = nil,
        suffix1: Nullable<String>? = nil, suffix2: Nullable<String>? = nil
    ) {
        self.canManageStudies = canManageStudies
        self.clinicRole = clinicRole
        self.firstName = firstName
        self.hasDashboardAccess = hasDashboardAccess
        self.lastName = lastName
        self.level = level
        self.middleName = middleName
        self.phoneNumber = phoneNumber
        self.suffix1 = suffix1
        self.suffix2 = suffix2
    }
}

extension UserUpdateParams where Product == AutoScribe {
    /// Changes to an AutoScribe user.
    public init(
        canCreateReports: Bool? = nil, canManageStudies: Bool? = nil, clinicRole: AutoScribe.ClinicRole? = nil,
        firstName: String? = nil, hasDashboardAccess: Bool? = nil, lastName: String? = nil,
        level: UserLevel? = nil, middleName: Nullable<String>? = nil, npiNumber: Nullable<String>? = nil,
        phoneNumber: Nullable<String>? = nil, suffix1: Nullable<String>? = nil, suffix2: Nullable<String>? = nil
    ) {
        self.init(
            canManageStudies: canManageStudies, clinicRole: clinicRole, firstName: firstName,
            hasDashboardAccess: hasDashboardAccess, lastName: lastName, level: level, middleName: middleName,
            phoneNumber: phoneNumber, suffix1: suffix1, suffix2: suffix2
        )
        reportWriting = ReportWritingChanges(canCreateReports: canCreateReports, npiNumber: npiNumber)
    }

    /// Whether the user may write reports; the resulting user then needs an ``npiNumber``.
    public var canCreateReports: Bool? {
        get { reportWriting.canCreateReports }
        set { reportWriting.canCreateReports = newValue }
    }

    /// The National Provider Identifier: 10 digits with a valid check digit. It cannot be cleared while the user
    /// can create reports.
    public var npiNumber: Nullable<String>? {
        get { reportWriting.npiNumber }
        set { reportWriting.npiNumber = newValue }
    }
}
