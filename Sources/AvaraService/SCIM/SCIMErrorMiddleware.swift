import AvaraCore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Every answer under `/scim/` that is an error is a SCIM error (RFC 7644 §3.12, `application/scim+json`), not the
/// REST API's problem+json: a path no route matches, a missing key and the core's own errors included.
///
/// It sits on the router inside the API's ``ProblemMiddleware`` and takes only SCIM's paths, as the dashboard's
/// does for its pages.
struct SCIMErrorMiddleware: RouterMiddleware {
    typealias Context = AvaraRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/scim/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            let scimError = Self.scimError(for: error, logger: context.logger)
            var headers: HTTPFields = [.contentType: SCIMError.contentType]
            if let apiError = error as? APIError { headers[.retryAfter] = apiError.headers[.retryAfter] }
            if scimError.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
            return Response(
                status: HTTPResponse.Status(code: scimError.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: scimError.encoded())))
        }
    }

    /// The SCIM error for any error a SCIM route throws; an unexpected one is a 500 whose cause only the log keeps.
    static func scimError(for error: any Error, logger: Logger) -> SCIMError {
        switch error {
        case let error as SCIMError:
            return error
        case let error as ServiceError:
            return scimError(for: error)
        case let error as APIError:
            // A body that is not JSON, or a missing or wrong key (from the API's authentication).
            return SCIMError(
                status: Int(error.status.code), scimType: error.status == .badRequest ? "invalidSyntax" : nil,
                detail: error.detail)
        case let error as HTTPError:
            return SCIMError(
                status: Int(error.status.code),
                detail: error.status == .notFound ? "No SCIM endpoint has this path." : error.status.reasonPhrase)
        default:
            let apiError = ProblemMiddleware.apiError(for: error, logger: logger)
            return SCIMError(status: Int(apiError.status.code), detail: apiError.detail)
        }
    }

    /// The core's errors in SCIM's terms: each rule a user breaks named by its SCIM attribute.
    static func scimError(for error: ServiceError) -> SCIMError {
        switch error {
        case .invalid(let errors), .malformed(let errors):
            return .invalidValue(
                errors.map { "\(SCIMUserAttributes.scimName(of: $0.field)): \($0.message)" }.joined(separator: "; "))
        case .emailTaken(let product):
            return .uniqueness("The email is already the email of another \(product.displayName) user of this clinic.")
        case .userNameTaken(let product):
            return .uniqueness(
                "userName is already the userName of another \(product.displayName) user of this clinic.")
        case .userNotFound:
            return .notFound("No user of this clinic and product has this id.")
        case .forbidden(let reason):
            return SCIMError(status: 403, detail: reason)
        default:
            let apiError = APIError(error)
            return SCIMError(status: Int(apiError.status.code), detail: apiError.detail)
        }
    }
}
