/// Listing the users of both products.
extension AvaraAPI {
    func viewerUsersList(_ input: Operations.ViewerUsersList.Input) async throws -> Operations.ViewerUsersList.Output {
        let scope = try RequestScope.required()
        let query = input.query
        let filter = UserFilter(
            level: query.level?.rawValue, clinicRole: query.clinicRole?.rawValue,
            invitationStatus: query.invitationStatus.flatMap { InvitationStatus(rawValue: $0.rawValue) },
            email: query.email, prefix: query.q
        )
        let page = try await users.page(product: .viewer, clinic: scope.clinic, filter: filter, after: query.after, limit: query.limit)
        return .ok(.init(body: .json(.init(
            data: page.users.map(Components.Schemas.ViewerUserInviteResponse.init), hasMore: page.nextCursor != nil,
            nextCursor: page.nextCursor
        ))))
    }

    func autoScribeUsersList(
        _ input: Operations.AutoScribeUsersList.Input
    ) async throws -> Operations.AutoScribeUsersList.Output {
        let scope = try RequestScope.required()
        let query = input.query
        let filter = UserFilter(
            level: query.level?.rawValue, clinicRole: query.clinicRole?.rawValue,
            invitationStatus: query.invitationStatus.flatMap { InvitationStatus(rawValue: $0.rawValue) },
            email: query.email, prefix: query.q
        )
        let page = try await users.page(product: .autoScribe, clinic: scope.clinic, filter: filter, after: query.after, limit: query.limit)
        return .ok(.init(body: .json(.init(
            data: page.users.map(Components.Schemas.AutoScribeUserInviteResponse.init), hasMore: page.nextCursor != nil,
            nextCursor: page.nextCursor
        ))))
    }
}
