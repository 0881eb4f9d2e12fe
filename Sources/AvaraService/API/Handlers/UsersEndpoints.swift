import AvaraCore
import HTTPTypes
import Hummingbird

/// The users operations of one product, `/v1/{product}/users` and below: each reads what the request carries
/// (its body once), runs the core's command, and writes the answer.
struct UsersEndpoints: Sendable {
    let product: Product
    let invitations: InvitationService
    let users: UserDirectoryService
    let idempotency: IdempotentRequests
    /// The clinic roles `clinicRole` filters may name.
    let clinicRoles: Set<String>

    /// The operations, as openapi.yaml names them.
    var routes: [APIRoute<ClinicRequestContext>] {
        let users = product.usersPath
        let user = users + "/{userId}"
        let name = "\(product.pathComponent)Users"
        return [
            APIRoute(.get, users, "\(name)List", list),
            APIRoute(.post, users, "\(name)Invite", invite),
            APIRoute(.get, user, "\(name)Retrieve", retrieve),
            APIRoute(.patch, user, "\(name)Update", update),
            APIRoute(.delete, user, "\(name)Delete", delete),
            APIRoute(.post, user + "/invitation/resend", "\(name)ResendInvitation", resend),
            APIRoute(.post, user + "/invitation/revoke", "\(name)RevokeInvitation", revoke),
        ]
    }

    @Sendable func invite(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let body = try await request.jsonObject(upTo: context.maxUploadSize)
        return try await idempotency.run(
            request, context: context, route: product.usersPath, body: body.bytes, success: .created
        ) { claim in
            let user = try await invitations.invite(
                product: product, fields: body.object, context: context.commandContext, idempotency: claim
            )
            // Rendered as the kept outcome is on a replay, so that a replay is this answer byte for byte.
            return try IdempotentOutcome.user(user).response(
                success: .created, requestId: context.requestId, replayed: false
            )
        }
    }

    @Sendable func retrieve(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let user = try await users.user(id: try Self.userId(context), product: product, context: context.commandContext)
        return APIJSON.response(.ok, bytes: try user.apiBody())
    }

    @Sendable func update(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let body = try await request.jsonObject(upTo: context.maxUploadSize)
        let user = try await users.update(
            id: try Self.userId(context), product: product, context: context.commandContext, fields: body.object
        )
        return APIJSON.response(.ok, bytes: try user.apiBody())
    }

    @Sendable func delete(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        try await users.delete(id: try Self.userId(context), product: product, context: context.commandContext)
        return Response(status: .noContent)
    }

    @Sendable func resend(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        try await changeInvitation(request, context: context, action: "resend") { userId, claim in
            try await invitations.resend(
                userId: userId, product: product, context: context.commandContext, idempotency: claim)
        }
    }

    @Sendable func revoke(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        try await changeInvitation(request, context: context, action: "revoke") { userId, claim in
            try await invitations.revoke(
                userId: userId, product: product, context: context.commandContext, idempotency: claim)
        }
    }

    /// A resend or revoke: honours `Idempotency-Key` (a retry is answered with the first answer, not done again)
    /// and answers the user as changed.
    private func changeInvitation(
        _ request: Request, context: ClinicRequestContext, action: String,
        _ change: (String, IdempotencyClaim?) async throws -> UserRecord
    ) async throws -> Response {
        let userId = try Self.userId(context)
        var request = request
        // Bodyless; what one may carry is part of what makes a retry the same request.
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let route = "\(product.usersPath)/\(userId)/invitation/\(action)"
        return try await idempotency.run(request, context: context, route: route, body: body, success: .ok) { claim in
            let user = try await change(userId, claim)
            return try IdempotentOutcome.user(user).response(
                success: .ok, requestId: context.requestId, replayed: false)
        }
    }

    /// The `{userId}` of the path.
    private static func userId(_ context: ClinicRequestContext) throws -> String {
        try context.parameters.require("userId")
    }
}
