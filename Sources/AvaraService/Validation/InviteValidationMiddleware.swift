import Hummingbird

/// Checks invite bodies against every rule before the generated handler decodes them.
///
/// The generated decoder stops at the first problem and answers 400; the contract wants 422 listing every
/// violation. This middleware parses the body into a ``JSONValue``, answers 400 when it is not a JSON object and
/// 422 with all ``FieldError``s when it breaks a rule, so the generated decoder only ever meets valid bodies.
package struct InviteValidationMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext
    /// The validators by route path, e.g. `/v1/viewer/users`.
    private let validators: [String: InviteValidator]

    /// - Parameter rules: The rules of each product; the route of each is derived from the product.
    package init(rules: [ProductRules]) {
        var validators: [String: InviteValidator] = [:]
        for productRules in rules {
            validators["/v1/\(productRules.product.pathComponent)/users"] = InviteValidator(rules: productRules)
        }
        self.validators = validators
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, let validator = validators[request.uri.path] else {
            return try await next(request, context)
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let object: [String: JSONValue]
        do {
            object = try JSONValue.parseObject(buffer.readableBytesView)
        } catch {
            throw APIError.malformedBody(error.message)
        }
        let errors = validator.validate(object)
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return try await next(request, context)
    }
}
