extension ProductUsers where Product == AutoScribe {
    /// Invites a user into AutoScribe; the parameters are those of ``UserInviteParams``. A report writer
    /// (`canCreateReports`) needs a valid `npiNumber`.
    public func invite(
        canCreateReports: Bool, canManageStudies: Bool, clinicRole: AutoScribe.ClinicRole, email: String,
        firstName: String, hasDashboardAccess: Bool, lastName: String, level: UserLevel,
        middleName: String? = nil, npiNumber: String? = nil, phoneNumber: String? = nil,
        suffix1: String? = nil, suffix2: String? = nil, options: RequestOptions = RequestOptions()
    ) async throws -> AutoScribe.User {
        let params = AutoScribe.UserInviteParams(
            canCreateReports: canCreateReports, canManageStudies: canManageStudies, clinicRole: clinicRole,
            email: email, firstName: firstName, hasDashboardAccess: hasDashboardAccess, lastName: lastName,
            level: level, middleName: middleName, npiNumber: npiNumber, phoneNumber: phoneNumber,
            suffix1: suffix1, suffix2: suffix2
        )
        return try await invite(params, options: options)
    }

    /// Changes the user; the parameters are those of ``UserUpdateParams`` (`nil` leaves a field as it is,
    /// ``Nullable/null`` clears an optional one).
    ///
    /// ```swift
    /// let user = try await users.update(userId: id, canCreateReports: true, npiNumber: "1234567893")
    /// ```
    public func update(
        userId: String, canCreateReports: Bool? = nil, canManageStudies: Bool? = nil,
        clinicRole: AutoScribe.ClinicRole? = nil, firstName: String? = nil, hasDashboardAccess: Bool? = nil,
        lastName: String? = nil, level: UserLevel? = nil, middleName: Nullable<String>? = nil,
        npiNumber: Nullable<String>? = nil, phoneNumber: Nullable<String>? = nil,
        suffix1: Nullable<String>? = nil, suffix2: Nullable<String>? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws -> AutoScribe.User {
        let changes = AutoScribe.UserUpdateParams(
            canCreateReports: canCreateReports, canManageStudies: canManageStudies, clinicRole: clinicRole,
            firstName: firstName, hasDashboardAccess: hasDashboardAccess, lastName: lastName, level: level,
            middleName: middleName, npiNumber: npiNumber, phoneNumber: phoneNumber, suffix1: suffix1,
            suffix2: suffix2
        )
        return try await update(userId: userId, changes, options: options)
    }
}
