/// The invitation lifecycle operations of both products.
extension AvaraAPI {
    func viewerUsersResendInvitation(
        _ input: Operations.ViewerUsersResendInvitation.Input
    ) async throws -> Operations.ViewerUsersResendInvitation.Output {
        let scope = try RequestScope.required()
        let user = try await invitations.resend(userId: input.path.userId, product: .viewer, clinic: scope.clinic)
        return .ok(.init(body: .json(.init(user))))
    }

    func viewerUsersRevokeInvitation(
        _ input: Operations.ViewerUsersRevokeInvitation.Input
    ) async throws -> Operations.ViewerUsersRevokeInvitation.Output {
        let scope = try RequestScope.required()
        let user = try await invitations.revoke(userId: input.path.userId, product: .viewer, clinic: scope.clinic)
        return .ok(.init(body: .json(.init(user))))
    }

    func autoScribeUsersResendInvitation(
        _ input: Operations.AutoScribeUsersResendInvitation.Input
    ) async throws -> Operations.AutoScribeUsersResendInvitation.Output {
        let scope = try RequestScope.required()
        let user = try await invitations.resend(userId: input.path.userId, product: .autoScribe, clinic: scope.clinic)
        return .ok(.init(body: .json(.init(user))))
    }

    func autoScribeUsersRevokeInvitation(
        _ input: Operations.AutoScribeUsersRevokeInvitation.Input
    ) async throws -> Operations.AutoScribeUsersRevokeInvitation.Output {
        let scope = try RequestScope.required()
        let user = try await invitations.revoke(userId: input.path.userId, product: .autoScribe, clinic: scope.clinic)
        return .ok(.init(body: .json(.init(user))))
    }
}
