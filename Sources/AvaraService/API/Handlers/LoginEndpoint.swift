import AvaraCore
import HTTPTypes
import Hummingbird

/// `POST /v1/auth/login`: a dashboard login, which carries no API key.
struct LoginEndpoint: Sendable {
    let logins: LoginService

    var routes: [APIRoute<AvaraRequestContext>] {
        [APIRoute(.post, "/v1/auth/login", "login", login)]
    }

    @Sendable func login(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let body = try await request.jsonObject(upTo: context.maxUploadSize).object
        var errors: [FieldError] = []
        func string(_ field: String) -> String? {
            guard case .string(let value)? = body[field] else {
                errors.append(
                    FieldError(field: field, message: body[field] == nil ? "is required" : "must be a string"))
                return nil
            }
            return value
        }
        let email = string("email")
        let password = string("password")
        let product = string("product").flatMap { (name: String) -> Product? in
            guard let product = Product(rawValue: name) else {
                errors.append(FieldError(field: "product", message: "must be viewer or autoScribe"))
                return nil
            }
            return product
        }
        var clinicId: String?
        switch body["clinicId"] {
        case nil, .null?: break
        case .string(let value)?: clinicId = value
        default: errors.append(FieldError(field: "clinicId", message: "must be a string"))
        }
        guard let email, let password, let product, errors.isEmpty else {
            throw APIError.malformedBody(
                "The login request is missing fields or has fields of the wrong type.", fieldErrors: errors)
        }
        let session = try await logins.login(
            email: email, password: password, product: product, clinicId: clinicId, surface: .api,
            requestId: context.requestId, clientAddress: context.countedClientAddress
        )
        return try APIJSON.response(
            .ok,
            Components.Schemas.LoginResponse(
                sessionToken: session.token, expiresAt: session.expiresAt, userId: session.userId
            ))
    }
}
