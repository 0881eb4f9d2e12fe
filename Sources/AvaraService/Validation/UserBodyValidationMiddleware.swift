import Hummingbird

/// Checks invite and update bodies against every rule before the generated handler decodes them.
///
/// The generated decoder stops at the first problem and answers 400; the contract wants 422 listing every
/// violation. This middleware parses the body into a ``JSONValue``, answers 400 when it is not a JSON object and
/// 422 with all ``FieldError``s when it breaks a rule, so the generated decoder only ever meets valid bodies. For an
/// update it binds the validated ``UserChanges`` for the handler, which needs to tell `null` from a missing field.
package struct UserBodyValidationMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext
    /// The invite validators by route path, e.g. `/v1/viewer/users`.
    private let inviteValidators: [String: InviteValidator]
    /// The update validators by the prefix of a user's path, e.g. `/v1/viewer/users/`.
    private let updateValidators: [String: UserUpdateValidator]

    /// - Parameter rules: The rules of each product; the routes of each are derived from the product.
    package init(rules: [ProductRules]) {
        var inviteValidators: [String: InviteValidator] = [:]
        var updateValidators: [String: UserUpdateValidator] = [:]
        for productRules in rules {
            let path = "/v1/\(productRules.product.pathComponent)/users"
            inviteValidators[path] = InviteValidator(rules: productRules)
            updateValidators[path + "/"] = UserUpdateValidator(rules: productRules)
        }
        self.inviteValidators = inviteValidators
        self.updateValidators = updateValidators
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch request.method {
        case .post:
            guard let validator = inviteValidators[request.uri.path] else { break }
            let errors = validator.validate(try await Self.object(in: request, context: context))
            guard errors.isEmpty else { throw APIError.validation(errors) }
        case .patch:
            guard let validator = updateValidator(for: request.uri.path) else { break }
            switch validator.validate(try await Self.object(in: request, context: context)) {
            case .success(let changes):
                return try await UserChanges.$current.withValue(changes) { try await next(request, context) }
            case .failure(let rejection):
                throw APIError.validation(rejection.errors)
            }
        default:
            break
        }
        return try await next(request, context)
    }

    /// The validator for a path of the form `/v1/{product}/users/{userId}`.
    private func updateValidator(for path: String) -> UserUpdateValidator? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let prefix = path[...slash]
        guard path.index(after: slash) < path.endIndex else { return nil }
        return updateValidators[String(prefix)]
    }

    /// The request body as a JSON object.
    ///
    /// - Throws: ``APIError/malformedBody(_:)`` when it is not one.
    private static func object(in request: Request, context: Context) async throws -> [String: JSONValue] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONValue.parseObject(buffer.readableBytesView)
        } catch {
            throw APIError.malformedBody(error.message)
        }
    }
}
