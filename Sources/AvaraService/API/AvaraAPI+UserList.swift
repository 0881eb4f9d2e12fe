/// Listing the users of both products.
extension AvaraAPI {
    func viewerUsersList(_ input: Operations.ViewerUsersList.Input) async throws -> Operations.ViewerUsersList.Output {
        let query = input.query
        let page = try await listPage(
            .viewer, level: query.level?.rawValue, clinicRole: query.clinicRole?.rawValue,
            invitationStatus: query.invitationStatus?.rawValue, email: query.email, q: query.q, after: query.after,
            limit: query.limit
        )
        return .ok(.init(body: .json(.init(
            data: page.users.map(Components.Schemas.ViewerUserInviteResponse.init), hasMore: page.nextCursor != nil,
            nextCursor: page.nextCursor
        ))))
    }

    func autoScribeUsersList(
        _ input: Operations.AutoScribeUsersList.Input
    ) async throws -> Operations.AutoScribeUsersList.Output {
        let query = input.query
        let page = try await listPage(
            .autoScribe, level: query.level?.rawValue, clinicRole: query.clinicRole?.rawValue,
            invitationStatus: query.invitationStatus?.rawValue, email: query.email, q: query.q, after: query.after,
            limit: query.limit
        )
        return .ok(.init(body: .json(.init(
            data: page.users.map(Components.Schemas.AutoScribeUserInviteResponse.init), hasMore: page.nextCursor != nil,
            nextCursor: page.nextCursor
        ))))
    }

    /// One page of the current clinic's users of `product`, from a list request's raw query values.
    private func listPage(
        _ product: Product, level: String?, clinicRole: String?, invitationStatus: String?, email: String?, q: String?,
        after: String?, limit: Int?
    ) async throws -> (users: [UserRecord], nextCursor: String?) {
        let scope = try RequestScope.required()
        let filter = UserFilter(
            level: level, clinicRole: clinicRole, invitationStatus: invitationStatus.flatMap(InvitationStatus.init),
            email: email, prefix: q
        )
        return try await users.page(product: product, clinic: scope.clinic, filter: filter, after: after, limit: limit)
    }
}
