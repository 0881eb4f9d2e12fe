extension AutoScribe {
    /// AutoScribe's operations: ``users``.
    public struct API: Sendable {
        /// The clinic's AutoScribe users.
        public let users: Users

        init(requester: Requester) {
            users = Users(endpoints: UsersEndpoints(requester: requester, path: "/v1/autoScribe/users"))
        }
    }

    /// The clinic's AutoScribe users.
    public struct Users: Sendable {
        let endpoints: UsersEndpoints<User, UserInviteParams, UserUpdateParams, ClinicRole>

        /// Invites a user into AutoScribe: creates the user and sends them an invitation email.
        ///
        /// - Returns: The new user.
        /// - Throws: ``AvaraError``: ``AvaraError/Kind/unprocessableEntity`` listing every broken rule (a report
        ///   writer needs a valid NPI), ``AvaraError/Kind/conflict`` when the email is already an AutoScribe user of
        ///   the clinic, and the others.
        public func invite(
            _ params: UserInviteParams, options: RequestOptions = RequestOptions()
        ) async throws -> UserInviteResponse {
            try await endpoints.invite(params, options: options)
        }

        /// Invites a user into AutoScribe; the parameters are those of ``UserInviteParams``.
        public func invite(
            canCreateReports: Bool, canManageStudies: Bool, clinicRole: ClinicRole, email: String,
            firstName: String, hasDashboardAccess: Bool, lastName: String, level: UserLevel,
            middleName: String? = nil, npiNumber: String? = nil, phoneNumber: String? = nil,
            suffix1: String? = nil, suffix2: String? = nil, options: RequestOptions = RequestOptions()
        ) async throws -> UserInviteResponse {
            try await invite(
                UserInviteParams(
                    canCreateReports: canCreateReports, canManageStudies: canManageStudies, clinicRole: clinicRole,
                    email: email, firstName: firstName, hasDashboardAccess: hasDashboardAccess, lastName: lastName,
                    level: level, middleName: middleName, npiNumber: npiNumber, phoneNumber: phoneNumber,
                    suffix1: suffix1, suffix2: suffix2
                ),
                options: options
            )
        }

        /// The clinic's AutoScribe users, oldest first, filtered as given; iterate it, or take one
        /// ``UserList/page(after:)``.
        ///
        /// - Parameters:
        ///   - limit: Users per page, 1 to 100 (the server's default is 20).
        ///   - email: Exactly this email, in any case.
        ///   - q: A prefix of the first name, last name or email, in any case.
        public func list(
            limit: Int? = nil, level: UserLevel? = nil, clinicRole: ClinicRole? = nil,
            invitationStatus: InvitationStatus? = nil, email: String? = nil, q: String? = nil,
            options: RequestOptions = RequestOptions()
        ) -> UserList<User> {
            endpoints.list(
                limit: limit, level: level, clinicRole: clinicRole, invitationStatus: invitationStatus,
                email: email, q: q, options: options
            )
        }

        /// The user with this id.
        ///
        /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic.
        public func retrieve(userId: String, options: RequestOptions = RequestOptions()) async throws -> User {
            try await endpoints.retrieve(userId: userId, options: options)
        }

        /// Changes the user: the fields given are set, the others stay as they are.
        ///
        /// - Returns: The user as updated.
        /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic,
        ///   ``AvaraError/Kind/unprocessableEntity`` listing every rule the change or the resulting user breaks.
        public func update(
            userId: String, _ params: UserUpdateParams, options: RequestOptions = RequestOptions()
        ) async throws -> User {
            try await endpoints.update(userId: userId, params, options: options)
        }

        /// Changes the user; the parameters are those of ``UserUpdateParams`` (`nil` leaves a field as it is,
        /// ``Nullable/null`` clears an optional one).
        ///
        /// ```swift
        /// let user = try await users.update(userId: id, hasDashboardAccess: true, level: .admin)
        /// ```
        public func update(
            userId: String, canCreateReports: Bool? = nil, canManageStudies: Bool? = nil,
            clinicRole: ClinicRole? = nil, firstName: String? = nil, hasDashboardAccess: Bool? = nil,
            lastName: String? = nil, level: UserLevel? = nil, middleName: Nullable<String>? = nil,
            npiNumber: Nullable<String>? = nil, phoneNumber: Nullable<String>? = nil,
            suffix1: Nullable<String>? = nil, suffix2: Nullable<String>? = nil,
            options: RequestOptions = RequestOptions()
        ) async throws -> User {
            try await update(
                userId: userId,
                UserUpdateParams(
                    canCreateReports: canCreateReports, canManageStudies: canManageStudies, clinicRole: clinicRole,
                    firstName: firstName, hasDashboardAccess: hasDashboardAccess, lastName: lastName, level: level,
                    middleName: middleName, npiNumber: npiNumber, phoneNumber: phoneNumber, suffix1: suffix1,
                    suffix2: suffix2
                ),
                options: options
            )
        }

        /// Removes the user: they can no longer log in, their invitation link stops working, and they are not found
        /// afterwards. The email can be invited again.
        ///
        /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic.
        public func delete(userId: String, options: RequestOptions = RequestOptions()) async throws {
            try await endpoints.delete(userId: userId, options: options)
        }

        /// Sends the user's invitation again with a new link (earlier links stop working) and a new expiry.
        ///
        /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic,
        ///   ``AvaraError/Kind/conflict`` when the invitation was already accepted.
        public func resendInvitation(userId: String, options: RequestOptions = RequestOptions()) async throws -> User {
            try await endpoints.resendInvitation(userId: userId, options: options)
        }

        /// Revokes the user's invitation: its link stops working. Revoking twice changes nothing.
        ///
        /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` or ``AvaraError/Kind/conflict`` (already accepted).
        public func revokeInvitation(userId: String, options: RequestOptions = RequestOptions()) async throws -> User {
            try await endpoints.revokeInvitation(userId: userId, options: options)
        }
    }
}
