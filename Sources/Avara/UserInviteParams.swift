/// The body of an invite into a product: ``Viewer/UserInviteParams`` or ``AutoScribe/UserInviteParams``.
///
/// Each product has its own initializer, the required fields first in the order of the API reference and the
/// optional ones defaulting to `nil`; AutoScribe's adds ``canCreateReports`` and ``npiNumber``.
///
/// ```swift
/// let params = Viewer.UserInviteParams(
///     canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
///     firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member)
/// let user = try await client.viewer.users.invite(params)
/// ```
public struct UserInviteParams<Product: AvaraProduct>: Equatable, Sendable {
    /// Whether the user may create, update and manage studies.
    public var canManageStudies: Bool
    /// The user's clinical or organizational role.
    public var clinicRole: Product.ClinicRole
    /// The address for login and notifications; unique per clinic in the product, whatever its case.
    public var email: String
    /// At least one non-blank character, at most 100.
    public var firstName: String
    /// Whether the user may log in to the dashboard. Must be `true` for admins.
    public var hasDashboardAccess: Bool
    /// At least one non-blank character, at most 100.
    public var lastName: String
    /// `admin` or `member`; owners are made in the dashboard only.
    public var level: UserLevel
    /// The middle name or initial; at most 100 characters.
    public var middleName: String?
    /// 10 to 15 digits, nothing else.
    public var phoneNumber: String?
    /// A name suffix such as `Jr.` or `MD`.
    public var suffix1: String?
    /// A second name suffix such as `FACR`.
    public var suffix2: String?
    /// The report writer's fields, in a product that takes reports; `nil` in the others.
    var reportWriting: ReportWriting?
}

extension UserInviteParams where Product == Viewer {
    /// An invite into Viewer.
    public init(
        canManageStudies: Bool, clinicRole: Viewer.ClinicRole, email: String, firstName: String,
        hasDashboardAccess: Bool, lastName: String, level: UserLevel, middleName: String? = nil,
        phoneNumber: String? = nil, suffix1: String? = nil, suffix2: String? = nil
    ) {
        self.init(
            canManageStudies: canManageStudies, clinicRole: clinicRole, email: email, firstName: firstName,
            hasDashboardAccess: hasDashboardAccess, lastName: lastName, level: level, middleName: middleName,
            phoneNumber: phoneNumber, suffix1: suffix1, suffix2: suffix2, reportWriting: nil
        )
    }
}

extension UserInviteParams where Product == AutoScribe {
    /// An invite into AutoScribe.
    public init(
        canCreateReports: Bool, canManageStudies: Bool, clinicRole: AutoScribe.ClinicRole, email: String,
        firstName: String, hasDashboardAccess: Bool, lastName: String, level: UserLevel,
        middleName: String? = nil, npiNumber: String? = nil, phoneNumber: String? = nil,
        suffix1: String? = nil, suffix2: String? = nil
    ) {
        self.init(
            canManageStudies: canManageStudies, clinicRole: clinicRole, email: email, firstName: firstName,
            hasDashboardAccess: hasDashboardAccess, lastName: lastName, level: level, middleName: middleName,
            phoneNumber: phoneNumber, suffix1: suffix1, suffix2: suffix2,
            reportWriting: ReportWriting(canCreateReports: canCreateReports, npiNumber: npiNumber)
        )
    }

    /// Whether the user may write reports; requires ``npiNumber``.
    public var canCreateReports: Bool {
        get { reportWriting?.canCreateReports ?? false }
        set { reportWriting = ReportWriting(canCreateReports: newValue, npiNumber: npiNumber) }
    }

    /// The National Provider Identifier: 10 digits with a valid check digit. Required when
    /// ``canCreateReports`` is `true`.
    public var npiNumber: String? {
        get { reportWriting?.npiNumber }
        set { reportWriting = ReportWriting(canCreateReports: canCreateReports, npiNumber: newValue) }
    }
}
