import AvaraCore
import HTTPTypes
import Hummingbird

/// `/v1/webhookEndpoints` and below: the clinic's webhook endpoints, their secrets and their deliveries.
struct WebhookEndpointsEndpoints: Sendable {
    let webhooks: WebhookService

    static let path = "/v1/webhookEndpoints"

    var routes: [APIRoute<ClinicRequestContext>] {
        let endpoint = Self.path + "/{endpointId}"
        return [
            APIRoute(.get, Self.path, "webhookEndpointsList", list),
            APIRoute(.post, Self.path, "webhookEndpointsCreate", create),
            APIRoute(.get, endpoint, "webhookEndpointsRetrieve", retrieve),
            APIRoute(.patch, endpoint, "webhookEndpointsUpdate", update),
            APIRoute(.delete, endpoint, "webhookEndpointsDelete", delete),
            APIRoute(.post, endpoint + "/rotateSecret", "webhookEndpointsRotateSecret", rotateSecret),
            APIRoute(.get, endpoint + "/deliveries", "webhookEndpointsListDeliveries", deliveries),
            APIRoute(.post, endpoint + "/deliveries/{eventId}/retry", "webhookEndpointsRetryDelivery", retry),
        ]
    }

    @Sendable func list(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let endpoints = try await webhooks.list(context: context.commandContext)
        return Self.json(.ok, .object(["data": .array(endpoints.map(\.eventData))]))
    }

    @Sendable func create(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let body = try await request.jsonObject(upTo: context.maxUploadSize)
        let created = try await webhooks.create(fields: body.object, context: context.commandContext)
        return Self.json(.created, Self.withSecret(created))
    }

    @Sendable func retrieve(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let endpoint = try await webhooks.endpoint(id: try Self.endpointId(context), context: context.commandContext)
        return Self.json(.ok, endpoint.eventData)
    }

    @Sendable func update(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let body = try await request.jsonObject(upTo: context.maxUploadSize)
        let endpoint = try await webhooks.update(
            id: try Self.endpointId(context), fields: body.object, context: context.commandContext
        )
        return Self.json(.ok, endpoint.eventData)
    }

    @Sendable func delete(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        try await webhooks.delete(id: try Self.endpointId(context), context: context.commandContext)
        return Response(status: .noContent)
    }

    @Sendable func rotateSecret(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let rotated = try await webhooks.rotateSecret(id: try Self.endpointId(context), context: context.commandContext)
        return Self.json(.ok, Self.withSecret(rotated))
    }

    @Sendable func deliveries(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        var limit: Int?
        if let text = request.uri.queryParameters["limit"] {
            guard let value = Int(text) else {
                throw APIError.invalidQuery([FieldError(field: "limit", message: "must be an integer")])
            }
            limit = value
        }
        let deliveries = try await webhooks.deliveries(
            endpointId: try Self.endpointId(context), limit: limit, context: context.commandContext
        )
        return Self.json(.ok, .object(["data": .array(deliveries.map(\.jsonValue))]))
    }

    @Sendable func retry(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        try await webhooks.redeliver(
            endpointId: try Self.endpointId(context), eventId: try context.parameters.require("eventId"),
            context: context.commandContext
        )
        return Response(status: .accepted)
    }

    private static func endpointId(_ context: ClinicRequestContext) throws -> String {
        try context.parameters.require("endpointId")
    }

    private static func withSecret(_ created: WebhookService.WithSecret) -> JSONValue {
        guard case .object(var members) = created.endpoint.eventData else { return created.endpoint.eventData }
        members["secret"] = .string(created.secret)
        return .object(members)
    }

    private static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        APIJSON.response(status, bytes: value.jsonBytes)
    }
}
