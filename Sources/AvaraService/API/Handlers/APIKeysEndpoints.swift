import AvaraCore
import HTTPTypes
import Hummingbird

/// `/v1/apiKeys`: the clinic's keys, listed, created (the secret shown once) and revoked.
struct APIKeysEndpoints: Sendable {
    let keys: APIKeyService
    let idempotency: IdempotentRequests

    static let path = "/v1/apiKeys"

    var routes: [APIRoute<ClinicRequestContext>] {
        [
            APIRoute(.get, Self.path, "apiKeysList", list),
            APIRoute(.post, Self.path, "apiKeysCreate", create),
            APIRoute(.post, Self.path + "/{keyId}/revoke", "apiKeysRevoke", revoke),
        ]
    }

    @Sendable func list(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let keys = try await keys.list(context: context.commandContext)
        return try APIJSON.response(.ok, Components.Schemas.APIKeyList(data: keys.map(Components.Schemas.APIKey.init)))
    }

    @Sendable func create(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let body = try await request.jsonObject(upTo: context.maxUploadSize)
        guard case .string(let name)? = body.object["name"] else {
            throw APIError.validation([
                FieldError(field: "name", message: body.object["name"] == nil ? "is required" : "must be a string")
            ])
        }
        return try await idempotency.run(
            request, context: context, route: Self.path, body: body.bytes, success: .created
        ) { claim in
            let created = try await keys.create(
                name: name, context: context.commandContext, idempotency: claim
            )
            return try APIJSON.response(.created, Components.Schemas.CreatedAPIKey(created.key, secret: created.secret))
        }
    }

    @Sendable func revoke(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let keyId = try context.parameters.require("keyId")
        let key = try await keys.revoke(keyId: keyId, context: context.commandContext)
        return try APIJSON.response(.ok, Components.Schemas.APIKey(key))
    }
}

extension Components.Schemas.APIKey {
    init(_ key: APIKeyRecord) {
        self.init(
            keyId: key.keyId, name: key.name, prefix: key.prefix, createdAt: key.createdAt,
            lastUsedAt: .init(key.lastUsedAt), revokedAt: .init(key.revokedAt),
            createdByKeyId: .init(key.createdByKeyId)
        )
    }
}

extension Components.Schemas.CreatedAPIKey {
    /// `key` with its secret, or without (the answer kept for a replay).
    init(_ key: APIKeyRecord, secret: String?) {
        self.init(
            keyId: key.keyId, name: key.name, prefix: key.prefix, createdAt: key.createdAt,
            lastUsedAt: .init(key.lastUsedAt), revokedAt: .init(key.revokedAt),
            createdByKeyId: .init(key.createdByKeyId), key: secret
        )
    }
}
