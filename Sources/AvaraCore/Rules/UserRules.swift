/// The rules that span several fields of one user, checked on an invite and again on the user an update produces.
package enum UserRules {
    /// Every cross-field rule broken by a user with these values; `nil` stands for a value that is missing or
    /// already reported as invalid, and breaks nothing here.
    ///
    /// - Parameters:
    ///   - hasNPINumber: Whether the user has an `npiNumber` (invalid ones are reported by their own rule).
    package static func errors(
        level: String?, hasDashboardAccess: Bool?, canCreateReports: Bool?, hasNPINumber: Bool
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if level == LevelRule.admin && hasDashboardAccess == false {
            errors.append(
                FieldError(field: InviteField.hasDashboardAccess.rawValue, message: "must be true for admin users"))
        }
        if level == Permissions.ownerLevel && hasDashboardAccess == false {
            errors.append(
                FieldError(field: InviteField.hasDashboardAccess.rawValue, message: "must be true for owners"))
        }
        if canCreateReports == true && !hasNPINumber {
            errors.append(
                FieldError(field: InviteField.npiNumber.rawValue, message: "is required when canCreateReports is true"))
        }
        return errors
    }

    /// Every cross-field rule `user` breaks.
    package static func errors(of user: UserRecord) -> [FieldError] {
        errors(
            level: user.level, hasDashboardAccess: user.hasDashboardAccess, canCreateReports: user.canCreateReports,
            hasNPINumber: user.npiNumber != nil
        )
    }
}
