/// A validated update of a user: the fields to change, in either product. `nil` leaves a field as it is; for the
/// optional fields `.some(nil)` clears it.
package struct UserChanges: Sendable, Equatable {
    package var canManageStudies: Bool?
    package var clinicRole: String?
    package var firstName: String?
    package var hasDashboardAccess: Bool?
    package var lastName: String?
    package var level: String?
    package var middleName: String??
    package var phoneNumber: String??
    package var suffix1: String??
    package var suffix2: String??
    /// AutoScribe only.
    package var canCreateReports: Bool?
    /// AutoScribe only.
    package var npiNumber: String??

    package init() {}

    /// `user` with these changes made.
    package func applied(to user: UserRecord) -> UserRecord {
        var user = user
        user.canManageStudies = canManageStudies ?? user.canManageStudies
        user.clinicRole = clinicRole ?? user.clinicRole
        user.firstName = firstName ?? user.firstName
        user.hasDashboardAccess = hasDashboardAccess ?? user.hasDashboardAccess
        user.lastName = lastName ?? user.lastName
        user.level = level ?? user.level
        user.middleName = middleName ?? user.middleName
        user.phoneNumber = phoneNumber ?? user.phoneNumber
        user.suffix1 = suffix1 ?? user.suffix1
        user.suffix2 = suffix2 ?? user.suffix2
        if user.product.takesReports {
            user.canCreateReports = canCreateReports ?? user.canCreateReports
            user.npiNumber = npiNumber ?? user.npiNumber
        }
        return user
    }
}
