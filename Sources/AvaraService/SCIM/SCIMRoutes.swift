import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// SCIM 2.0 (RFC 7644) at `/scim/v2/{product}`, one base URL per product, for the clinic's identity provider: a
/// clinic's API key is the bearer token, the key acts through the `scim` surface under the same rate limits as on the
/// REST API, and every error is a SCIM error (``SCIMErrorMiddleware``). Declared once here.
struct SCIMRoutes: Sendable {
    let services: CoreServices
    let links: InvitationLinks
    let authentication: AuthenticationMiddleware
    /// The API's limits, sharing its buckets; `nil` when they are off.
    let rateLimit: RateLimitMiddleware?

    func add(to router: Router<AvaraRequestContext>) {
        router.add(middleware: SCIMErrorMiddleware())
        let group = router.group("scim/v2/:product").add(middleware: authentication)
        if let rateLimit { group.add(middleware: rateLimit) }
        group.get("ServiceProviderConfig") { _, context in
            try Self.answer(SCIMDiscovery.serviceProviderConfig(base: base(context)))
        }
        group.get("ResourceTypes") { _, context in
            try Self.answer(SCIMDiscovery.listResponse([SCIMDiscovery.userResourceType(base: base(context))]))
        }
        group.get("ResourceTypes/User") { _, context in
            try Self.answer(SCIMDiscovery.userResourceType(base: base(context)))
        }
        group.get("Schemas") { _, context in
            try Self.answer(
                SCIMDiscovery.listResponse(SCIMSchemaDocuments.all(product: Self.product(context), base: base(context)))
            )
        }
        group.get("Schemas/:schemaId") { _, context in
            let id = context.parameters.get("schemaId") ?? ""
            guard
                let schema = try SCIMSchemaDocuments.all(product: Self.product(context), base: base(context))
                    .first(where: { schema in
                        if case .object(let members) = schema { members["id"] == .string(id) } else { false }
                    })
            else {
                throw SCIMError.notFound("No schema has this id.")
            }
            return Self.answer(schema)
        }
        for path in ["ServiceProviderConfig", "ResourceTypes", "ResourceTypes/User", "Schemas", "Schemas/:schemaId"] {
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                group.on(RouterPath(path), method: method) { _, _ -> Response in
                    throw SCIMError(status: 405, detail: "The discovery endpoints are read-only.")
                }
            }
        }
        group.post("Users") { request, context in
            let product = try Self.product(context)
            let body = try await request.jsonObject(upTo: AvaraRequestContext.maxBodySize).object
            let resource = try SCIMUserRequest(body, product: product)
            let user = try await services.provisioning.create(
                product: product, fields: resource.fields, identity: resource.identity,
                context: try Self.command(context))
            var response = try answer(user, request, context, status: .created)
            response.headers[.location] = try base(context) + "/Users/\(user.userId)"
            return response
        }
        group.get("Users") { request, context in
            let query = request.uri.queryParameters
            return try await list(
                context, filter: query["filter"].map(String.init),
                startIndex: try Self.integer(query["startIndex"].map(String.init), name: "startIndex"),
                count: try Self.integer(query["count"].map(String.init), name: "count"),
                projection: SCIMProjection(
                    attributes: query["attributes"].map(String.init),
                    excludedAttributes: query["excludedAttributes"].map(String.init)))
        }
        // A search at the root covers every resource type: users are the only one.
        for path in ["Users/.search", ".search"] {
            group.post(RouterPath(path)) { request, context in try await search(request, context) }
        }
        group.get("Users/:userId") { request, context in
            let product = try Self.product(context)
            let user = try await services.users.user(
                id: context.parameters.get("userId") ?? "", product: product, context: try Self.command(context))
            return try answer(user, request, context)
        }
        group.patch("Users/:userId") { request, context in
            let body = try await request.jsonObject(upTo: AvaraRequestContext.maxBodySize).object
            let operations = try SCIMPatchOperation.parseRequest(.object(body))
            return try await change(request, context) { user throws(SCIMError) in
                try SCIMUserChange(operations: operations, of: user)
            }
        }
        group.put("Users/:userId") { request, context in
            let body = try await request.jsonObject(upTo: AvaraRequestContext.maxBodySize).object
            return try await change(request, context) { user throws(SCIMError) in
                try SCIMUserChange(replacing: body, of: user)
            }
        }
        group.delete("Users/:userId") { _, context in
            try await services.users.delete(
                id: context.parameters.get("userId") ?? "", product: try Self.product(context),
                context: try Self.command(context))
            return Response(status: .noContent)
        }
    }

    /// A `ListResponse` of the users `filter` keeps, from `startIndex` (1-based, 1 when absent or lower), at most
    /// `count` of them (``SCIMDiscovery/maxResults`` when absent or higher; 0 gives only `totalResults`).
    private func list(
        _ context: AvaraRequestContext, filter text: String?, startIndex: Int?, count: Int?, projection: SCIMProjection
    ) async throws -> Response {
        let product = try Self.product(context)
        let start = max(startIndex ?? 1, 1)
        var matching = UserFilter()
        if let text {
            guard let parsed = try SCIMUserQuery.filter(SCIMFilter.parse(text)) else {
                return Self.answer(SCIMDiscovery.listResponse([], total: 0, startIndex: start))
            }
            matching = parsed
        }
        let found = try await services.users.search(
            product: product, context: try Self.command(context), filter: matching, startIndex: start,
            count: min(count ?? SCIMDiscovery.maxResults, SCIMDiscovery.maxResults))
        let base = try base(context)
        let resources = found.users.map { user in
            JSONValue.object(projection.apply(to: user.scimResource(location: "\(base)/Users/\(user.userId)")))
        }
        return Self.answer(SCIMDiscovery.listResponse(resources, total: found.total, startIndex: start))
    }

    /// `POST /.search` and `POST /Users/.search`: a `SearchRequest` body, answered as a query is.
    private func search(_ request: Request, _ context: AvaraRequestContext) async throws -> Response {
        let body = SCIMUserRequest.caseless(try await request.jsonObject(upTo: AvaraRequestContext.maxBodySize).object)
        func text(_ name: String) throws(SCIMError) -> String? {
            switch body[name] {
            case .string(let value)?: return value
            case .array(let values)?: return values.compactMap(\.stringValue).joined(separator: ",")
            case nil, .null?: return nil
            default: throw SCIMError.invalidValue("\(name) must be a string.")
            }
        }
        func number(_ name: String) throws(SCIMError) -> Int? {
            switch body[name] {
            case .number(let value)? where value.rounded() == value && abs(value) < 1e9: return Int(value)
            case nil, .null?: return nil
            default: throw SCIMError.invalidValue("\(name) must be an integer.")
            }
        }
        return try await list(
            context, filter: try text("filter"), startIndex: try number("startindex"), count: try number("count"),
            projection: SCIMProjection(
                attributes: try text("attributes"), excludedAttributes: try text("excludedattributes")))
    }

    /// Makes the change `read` makes of the user of the path's id (``ProvisioningService/update(id:product:context:change:)``),
    /// and answers the user as it is afterwards.
    private func change(
        _ request: Request, _ context: AvaraRequestContext, _ read: (UserRecord) throws(SCIMError) -> SCIMUserChange
    ) async throws -> Response {
        let product = try Self.product(context)
        let command = try Self.command(context)
        let user = try await services.provisioning.update(
            id: context.parameters.get("userId") ?? "", product: product, context: command
        ) { user in try read(user).change }
        return try answer(user, request, context)
    }

    /// `user` as a SCIM resource, with the attributes the request's `attributes` or `excludedAttributes` keep.
    private func answer(
        _ user: UserRecord, _ request: Request, _ context: AvaraRequestContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let query = request.uri.queryParameters
        let projection = SCIMProjection(
            attributes: query["attributes"].map(String.init),
            excludedAttributes: query["excludedAttributes"].map(String.init))
        let resource = user.scimResource(location: try base(context) + "/Users/\(user.userId)")
        return Self.answer(.object(projection.apply(to: resource)), status: status)
    }

    /// An integer query parameter, `nil` when absent.
    private static func integer(_ text: String?, name: String) throws(SCIMError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), abs(value) < 1_000_000_000 else {
            throw SCIMError.invalidValue("\(name) must be an integer.")
        }
        return value
    }

    /// `{public URL}/scim/v2/{product}`: the base of the resources' locations.
    private func base(_ context: AvaraRequestContext) throws -> String {
        "\(links.baseURL)/scim/v2/\(try Self.product(context).pathComponent)"
    }

    /// The product of the path's `:product`; a 404 for anything else.
    static func product(_ context: AvaraRequestContext) throws -> Product {
        let segment = context.parameters.get("product") ?? ""
        guard let product = Product(pathComponent: segment) else {
            throw SCIMError.notFound("No SCIM endpoint has this path: the products are viewer and autoScribe.")
        }
        return product
    }

    /// The request's key acting through SCIM in its clinic.
    static func command(_ context: AvaraRequestContext) throws -> CommandContext {
        try ClinicRequestContext(context: context).commandContext(through: .scim)
    }

    /// A SCIM body: `application/scim+json`.
    static func answer(_ body: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: SCIMError.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.jsonBytes)))
    }
}
