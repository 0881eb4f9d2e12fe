/// The users endpoints of one product, under its users path: what ``Viewer/Users`` and ``AutoScribe/Users`` call.
///
/// The products' endpoints differ only in the path and the types, so both are this one implementation.
struct UsersEndpoints<
    User: Codable & Equatable & Sendable, InviteParams: Encodable & Sendable,
    UpdateParams: Encodable & Sendable, ClinicRole: OpenEnum
>: Sendable {
    let requester: Requester
    /// The product's users, e.g. `/v1/viewer/users`.
    let path: String

    /// `POST path`: invites a user, answering the new user.
    func invite(_ params: InviteParams, options: RequestOptions) async throws -> User {
        try await requester.post(path, body: params, options: options)
    }

    /// `GET path`, page by page: the users matching the filters; `nil` ones are left out.
    func list(
        limit: Int?, level: UserLevel?, clinicRole: ClinicRole?, invitationStatus: InvitationStatus?,
        email: String?, q: String?, options: RequestOptions
    ) -> UserList<User> {
        requester.list(
            path,
            query: ListQuery(
                limit: limit, level: level?.rawValue, clinicRole: clinicRole?.rawValue,
                invitationStatus: invitationStatus?.rawValue, email: email, q: q
            ),
            options: options
        )
    }

    /// `GET` the user `userId`.
    func retrieve(userId: String, options: RequestOptions) async throws -> User {
        try await requester.get(userPath(userId), options: options)
    }

    /// `PATCH` the user `userId` with `params`, answering the user as updated.
    func update(userId: String, _ params: UpdateParams, options: RequestOptions) async throws -> User {
        try await requester.patch(userPath(userId), body: params, options: options)
    }

    /// `DELETE` the user `userId`.
    func delete(userId: String, options: RequestOptions) async throws {
        try await requester.delete(userPath(userId), options: options)
    }

    /// `POST …/invitation/resend` for the user `userId`.
    func resendInvitation(userId: String, options: RequestOptions) async throws -> User {
        try await requester.post(userPath(userId) + "/invitation/resend", options: options)
    }

    /// `POST …/invitation/revoke` for the user `userId`.
    func revokeInvitation(userId: String, options: RequestOptions) async throws -> User {
        try await requester.post(userPath(userId) + "/invitation/revoke", options: options)
    }

    /// The path of the user `userId`, the id percent-encoded as one segment.
    private func userPath(_ userId: String) -> String {
        "\(path)/\(pathSegment(userId))"
    }
}
