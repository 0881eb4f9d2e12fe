import Foundation

/// What a list of users shows of each (the dashboard's table): their names and email, role and level, last login,
/// whether they are active, and their invitation, read without the fields a list does not show.
///
/// ```swift
/// let rows = try await users.summaryPage(product: .viewer, context: context, filter: UserFilter(), after: nil, limit: 25)
/// ```
package struct UserSummary: Sendable, Equatable {
    package var userId: String
    package var email: String
    package var firstName: String
    package var middleName: String?
    package var lastName: String
    package var suffix1: String?
    package var suffix2: String?
    package var clinicRole: String
    package var level: String
    package var lastLoginAt: Date?
    package var active: Bool
    package var invitation: InvitationState?

    package init(
        userId: String, email: String, firstName: String, middleName: String?, lastName: String, suffix1: String?,
        suffix2: String?, clinicRole: String, level: String, lastLoginAt: Date?, active: Bool,
        invitation: InvitationState?
    ) {
        self.userId = userId
        self.email = email
        self.firstName = firstName
        self.middleName = middleName
        self.lastName = lastName
        self.suffix1 = suffix1
        self.suffix2 = suffix2
        self.clinicRole = clinicRole
        self.level = level
        self.lastLoginAt = lastLoginAt
        self.active = active
        self.invitation = invitation
    }
}

extension UserRecord {
    /// What a list shows of the user.
    package var summary: UserSummary {
        UserSummary(
            userId: userId, email: email, firstName: firstName, middleName: middleName, lastName: lastName,
            suffix1: suffix1, suffix2: suffix2, clinicRole: clinicRole, level: level, lastLoginAt: lastLoginAt,
            active: active, invitation: invitation)
    }
}
