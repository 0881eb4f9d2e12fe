extension ProductUsers where Product == Viewer {
    /// Invites a user into Viewer; the parameters are those of ``UserInviteParams``.
    public func invite(
        canManageStudies: Bool, clinicRole: Viewer.ClinicRole, email: String, firstName: String,
        hasDashboardAccess: Bool, lastName: String, level: UserLevel, middleName: String? = nil,
        phoneNumber: String? = nil, suffix1: String? = nil, suffix2: String? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws -> Viewer.User {
        let params = Viewer.UserInviteParams(
            canManageStudies: canManageStudies, clinicRole: clinicRole, email: email, firstName: firstName,
            hasDashboardAccess: hasDashboardAccess, lastName: lastName, level: level, middleName: middleName,
            phoneNumber: phoneNumber, suffix1: suffix1, suffix2: suffix2
        )
        return try await invite(params, options: options)
    }

    /// Changes the user; the parameters are those of ``UserUpdateParams`` (`nil` leaves a field as it is,
    /// ``Nullable/null`` clears an optional one).
    ///
    /// ```swift
    /// let user = try await users.update(userId: id, hasDashboardAccess: true, level: .admin)
    /// ```
    public func update(
        userId: String, canManageStudies: Bool? = nil, clinicRole: Viewer.ClinicRole? = nil,
        firstName: String? = nil, hasDashboardAccess: Bool? = nil, lastName: String? = nil,
        level: UserLevel? = nil, middleName: Nullable<String>? = nil, phoneNumber: Nullable<String>? = nil,
        suffix1: Nullable<String>? = nil, suffix2: Nullable<String>? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws -> Viewer.User {
        let changes = Viewer.UserUpdateParams(
            canManageStudies: canManageStudies, clinicRole: clinicRole, firstName: firstName,
            hasDashboardAccess: hasDashboardAccess, lastName: lastName, level: level, middleName: middleName,
            phoneNumber: phoneNumber, suffix1: suffix1, suffix2: suffix2
        )
        return try await update(userId: userId, changes, options: options)
    }
}
