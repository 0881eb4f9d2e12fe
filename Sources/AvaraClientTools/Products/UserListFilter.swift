/// The filters of a list call (as the API's query parameters) and its page size.
package struct UserListFilter: Sendable, Equatable {
    package var level: String?
    package var clinicRole: String?
    package var invitationStatus: String?
    /// Exactly this email, in any case.
    package var email: String?
    /// A prefix of the first name, last name or email.
    package var q: String?
    /// Users per page, 1 to 100.
    package var pageSize: Int?

    package init(
        level: String? = nil, clinicRole: String? = nil, invitationStatus: String? = nil, email: String? = nil,
        q: String? = nil, pageSize: Int? = nil
    ) {
        self.level = level
        self.clinicRole = clinicRole
        self.invitationStatus = invitationStatus
        self.email = email
        self.q = q
        self.pageSize = pageSize
    }
}
