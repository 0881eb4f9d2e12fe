import Foundation

extension AutoScribe {
    /// The body of an invite into AutoScribe.
    ///
    /// Required fields come first, in the order of the API reference; the optional ones default to `nil`.
    public struct UserInviteParams: Codable, Equatable, Sendable {
        /// Whether the user may write reports; requires ``npiNumber``.
        public var canCreateReports: Bool
        /// Whether the user may create, update and manage studies.
        public var canManageStudies: Bool
        /// The user's clinical or organizational role.
        public var clinicRole: ClinicRole
        /// The address for login and notifications; unique per clinic in AutoScribe, whatever its case.
        public var email: String
        /// At least one non-blank character, at most 100.
        public var firstName: String
        /// Whether the user may log in to the dashboard. Must be `true` for admins.
        public var hasDashboardAccess: Bool
        /// At least one non-blank character, at most 100.
        public var lastName: String
        /// `admin` or `member`; owners are made in the dashboard only.
        public var level: UserLevel
        public var middleName: String?
        /// The National Provider Identifier: 10 digits with a valid check digit. Required when
        /// ``canCreateReports`` is `true`.
        public var npiNumber: String?
        /// 10 to 15 digits, nothing else.
        public var phoneNumber: String?
        /// A name suffix such as `Jr.` or `MD`.
        public var suffix1: String?
        /// A second name suffix such as `FACR`.
        public var suffix2: String?

        public init(
            canCreateReports: Bool, canManageStudies: Bool, clinicRole: ClinicRole, email: String,
            firstName: String, hasDashboardAccess: Bool, lastName: String, level: UserLevel,
            middleName: String? = nil, npiNumber: String? = nil, phoneNumber: String? = nil,
            suffix1: String? = nil, suffix2: String? = nil
        ) {
            self.canCreateReports = canCreateReports
            self.canManageStudies = canManageStudies
            self.clinicRole = clinicRole
            self.email = email
            self.firstName = firstName
            self.hasDashboardAccess = hasDashboardAccess
            self.lastName = lastName
            self.level = level
            self.middleName = middleName
            self.npiNumber = npiNumber
            self.phoneNumber = phoneNumber
            self.suffix1 = suffix1
            self.suffix2 = suffix2
        }
    }

    /// A user of AutoScribe, as the API reports it.
    public typealias User = UserInviteResponse

    /// A user invited into AutoScribe, as the API answers an invite.
    ///
    /// `print(user)` shows it as JSON.
    public struct UserInviteResponse: Codable, Equatable, Sendable, CustomStringConvertible {
        /// Whether the user may write reports.
        public var canCreateReports: Bool
        public var canManageStudies: Bool
        public var clinicRole: ClinicRole
        /// When the user was created.
        public var createdAt: Date?
        public var email: String
        public var firstName: String
        public var hasDashboardAccess: Bool
        /// What became of the email with the current invitation link; `nil` from servers that do not say.
        public var invitationEmail: InvitationEmail?
        /// When the current invitation link stops working.
        public var invitationExpiresAt: Date?
        /// Whether the invitation is pending, accepted, expired or revoked.
        public var invitationStatus: InvitationStatus?
        /// `api` for users invited through the API.
        public var invitedSource: InvitedSource
        /// When the user last logged in; `nil` until the first login.
        public var lastLoginAt: Date?
        public var lastName: String
        public var level: UserLevel
        public var middleName: String?
        /// The user's National Provider Identifier, if given.
        public var npiNumber: String?
        public var phoneNumber: String?
        public var suffix1: String?
        public var suffix2: String?
        /// `usr_` followed by 32 lowercase hexadecimal characters.
        public var userId: String

        public init(
            canCreateReports: Bool, canManageStudies: Bool, clinicRole: ClinicRole, createdAt: Date?,
            email: String, firstName: String, hasDashboardAccess: Bool, invitationEmail: InvitationEmail? = nil,
            invitationExpiresAt: Date? = nil, invitationStatus: InvitationStatus? = nil,
            invitedSource: InvitedSource,
            lastLoginAt: Date?, lastName: String, level: UserLevel, middleName: String? = nil,
            npiNumber: String? = nil, phoneNumber: String? = nil, suffix1: String? = nil, suffix2: String? = nil,
            userId: String
        ) {
            self.canCreateReports = canCreateReports
            self.canManageStudies = canManageStudies
            self.clinicRole = clinicRole
            self.createdAt = createdAt
            self.email = email
            self.firstName = firstName
            self.hasDashboardAccess = hasDashboardAccess
            self.invitationEmail = invitationEmail
            self.invitationExpiresAt = invitationExpiresAt
            self.invitationStatus = invitationStatus
            self.invitedSource = invitedSource
            self.lastLoginAt = lastLoginAt
            self.lastName = lastName
            self.level = level
            self.middleName = middleName
            self.npiNumber = npiNumber
            self.phoneNumber = phoneNumber
            self.suffix1 = suffix1
            self.suffix2 = suffix2
            self.userId = userId
        }

        public var description: String { WireFormat.prettyDescription(of: self) }
    }
}
