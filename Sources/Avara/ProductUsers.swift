/// The clinic's users of one product: `client.viewer.users` and `client.autoScribe.users`.
///
/// The product supplies the types (its user, its clinic roles, its invite and update) and the path; the
/// operations are the same for both. Each product adds a field-by-field ``invite(_:options:)`` and
/// ``update(userId:_:options:)`` of its own.
///
/// ```swift
/// let users = client.viewer.users
/// let user = try await users.invite(
///     canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
///     firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member)
/// for try await admin in users.list(level: .admin) { print(admin.email) }
/// ```
public struct ProductUsers<Product: AvaraProduct>: Sendable {
    let requester: Requester

    /// The product's users, e.g. `/v1/viewer/users`.
    var path: String { "/v1/\(Product.apiName)/users" }

    /// Invites a user into the product: creates the user and sends them an invitation email.
    ///
    /// - Returns: The new user.
    /// - Throws: ``AvaraError``: ``AvaraError/Kind/unprocessableEntity`` listing every broken rule (in AutoScribe,
    ///   a report writer needs a valid NPI), ``AvaraError/Kind/conflict`` when the email is already a user of the
    ///   product in the clinic, and the others.
    public func invite(
        _ params: UserInviteParams<Product>, options: RequestOptions = RequestOptions()
    ) async throws -> ProductUser<Product> {
        try await requester.post(path, body: params, options: options)
    }

    /// The clinic's users of the product, oldest first, filtered as given; iterate it, or take one
    /// ``UserList/page(after:)``.
    ///
    /// - Parameters:
    ///   - limit: Users per page, 1 to 100 (the server's default is 20).
    ///   - email: Exactly this email, in any case.
    ///   - q: A prefix of the first name, last name or email, in any case.
    public func list(
        limit: Int? = nil, level: UserLevel? = nil, clinicRole: Product.ClinicRole? = nil,
        invitationStatus: InvitationStatus? = nil, email: String? = nil, q: String? = nil,
        options: RequestOptions = RequestOptions()
    ) -> UserList<ProductUser<Product>> {
        requester.list(
            path,
            query: UserListQuery(
                limit: limit, level: level?.rawValue, clinicRole: clinicRole?.rawValue,
                invitationStatus: invitationStatus?.rawValue, email: email, q: q
            ),
            options: options
        )
    }

    /// The user with this id.
    ///
    /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic.
    public func retrieve(
        userId: String, options: RequestOptions = RequestOptions()
    ) async throws -> ProductUser<Product> {
        try await requester.get(userPath(userId), options: options)
    }

    /// Changes the user: the fields given are set, the others stay as they are.
    ///
    /// - Returns: The user as updated.
    /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic,
    ///   ``AvaraError/Kind/unprocessableEntity`` listing every rule the change or the resulting user breaks.
    public func update(
        userId: String, _ params: UserUpdateParams<Product>, options: RequestOptions = RequestOptions()
    ) async throws -> ProductUser<Product> {
        try await requester.patch(userPath(userId), body: params, options: options)
    }

    /// Removes the user: they can no longer log in, their invitation link stops working, and they are not found
    /// afterwards. The email can be invited again.
    ///
    /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic.
    public func delete(userId: String, options: RequestOptions = RequestOptions()) async throws {
        try await requester.delete(userPath(userId), options: options)
    }

    /// Sends the user's invitation again with a new link (earlier links stop working) and a new expiry.
    ///
    /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` for a user not in this product of your clinic,
    ///   ``AvaraError/Kind/conflict`` when the invitation was already accepted.
    public func resendInvitation(
        userId: String, options: RequestOptions = RequestOptions()
    ) async throws -> ProductUser<Product> {
        try await requester.post(userPath(userId) + "/invitation/resend", options: options)
    }

    /// Revokes the user's invitation: its link stops working. Revoking twice changes nothing.
    ///
    /// - Throws: ``AvaraError`` ``AvaraError/Kind/notFound`` or ``AvaraError/Kind/conflict`` (already accepted).
    public func revokeInvitation(
        userId: String, options: RequestOptions = RequestOptions()
    ) async throws -> ProductUser<Product> {
        try await requester.post(userPath(userId) + "/invitation/revoke", options: options)
    }

    /// The path of the user `userId`, the id percent-encoded as one segment.
    private func userPath(_ userId: String) -> String {
        "\(path)/\(pathSegment(userId))"
    }
}
