extension AutoScribe {
    /// The changes of an update of an AutoScribe user: any field of an invite except `email`.
    ///
    /// A field left `nil` is not sent and stays as it is; optional fields are cleared with ``Nullable/null``. The
    /// user that results must pass the invite's rules, or the update fails with
    /// ``AvaraError/Kind/unprocessableEntity`` and changes nothing.
    public struct UserUpdateParams: Encodable, Equatable, Sendable {
        /// Whether the user may write reports; the resulting user then needs an ``npiNumber``.
        public var canCreateReports: Bool?
        /// Whether the user may create, update and manage studies.
        public var canManageStudies: Bool?
        /// The user's clinical or organizational role.
        public var clinicRole: ClinicRole?
        /// At least one non-blank character, at most 100.
        public var firstName: String?
        /// Whether the user may log in to the dashboard. Must stay `true` for admins.
        public var hasDashboardAccess: Bool?
        /// At least one non-blank character, at most 100.
        public var lastName: String?
        /// `admin` or `member`; an admin needs dashboard access.
        public var level: UserLevel?
        public var middleName: Nullable<String>?
        /// The National Provider Identifier: 10 digits with a valid check digit. It cannot be
        /// cleared while the user can create reports.
        public var npiNumber: Nullable<String>?
        /// 10 to 15 digits, nothing else.
        public var phoneNumber: Nullable<String>?
        /// A name suffix such as `Jr.` or `MD`.
        public var suffix1: Nullable<String>?
        /// A second name suffix such as `FACR`.
        public var suffix2: Nullable<String>?

        public init(
            canCreateReports: Bool? = nil, canManageStudies: Bool? = nil, clinicRole: ClinicRole? = nil,
            firstName: String? = nil, hasDashboardAccess: Bool? = nil, lastName: String? = nil,
            level: UserLevel? = nil, middleName: Nullable<String>? = nil, npiNumber: Nullable<String>? = nil,
            phoneNumber: Nullable<String>? = nil, suffix1: Nullable<String>? = nil, suffix2: Nullable<String>? = nil
        ) {
            self.canCreateReports = canCreateReports
            self.canManageStudies = canManageStudies
            self.clinicRole = clinicRole
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
}
