/// Retrieving, updating and removing users of both products.
extension AvaraAPI {
    func viewerUsersRetrieve(_ input: Operations.ViewerUsersRetrieve.Input) async throws -> Operations.ViewerUsersRetrieve.Output {
        let scope = try RequestScope.required()
        let user = try await users.user(id: input.path.userId, product: .viewer, clinic: scope.clinic)
        return .ok(.init(body: .json(.init(user))))
    }

    func viewerUsersDelete(_ input: Operations.ViewerUsersDelete.Input) async throws -> Operations.ViewerUsersDelete.Output {
        let scope = try RequestScope.required()
        try await users.delete(id: input.path.userId, product: .viewer, clinic: scope.clinic)
        return .noContent(.init())
    }

    func viewerUsersUpdate(_ input: Operations.ViewerUsersUpdate.Input) async throws -> Operations.ViewerUsersUpdate.Output {
        let scope = try RequestScope.required()
        let user = try await users.update(
            id: input.path.userId, product: .viewer, clinic: scope.clinic, changes: try UserChanges.required()
        )
        return .ok(.init(body: .json(.init(user))))
    }

    func autoScribeUsersRetrieve(
        _ input: Operations.AutoScribeUsersRetrieve.Input
    ) async throws -> Operations.AutoScribeUsersRetrieve.Output {
        let scope = try RequestScope.required()
        let user = try await users.user(id: input.path.userId, product: .autoScribe, clinic: scope.clinic)
        return .ok(.init(body: .json(.init(user))))
    }

    func autoScribeUsersDelete(
        _ input: Operations.AutoScribeUsersDelete.Input
    ) async throws -> Operations.AutoScribeUsersDelete.Output {
        let scope = try RequestScope.required()
        try await users.delete(id: input.path.userId, product: .autoScribe, clinic: scope.clinic)
        return .noContent(.init())
    }

    func autoScribeUsersUpdate(
        _ input: Operations.AutoScribeUsersUpdate.Input
    ) async throws -> Operations.AutoScribeUsersUpdate.Output {
        let scope = try RequestScope.required()
        let user = try await users.update(
            id: input.path.userId, product: .autoScribe, clinic: scope.clinic, changes: try UserChanges.required()
        )
        return .ok(.init(body: .json(.init(user))))
    }
}
