import AvaraCore
import HTTPTypes
import Hummingbird
import Logging

/// Why a dashboard request stops before its page: each becomes an HTML answer in ``DashboardErrorMiddleware``.
enum DashboardError: Error {
    /// No session holds: to the sign-in page.
    case signInRequired
    /// A state-changing form without this session's CSRF token, or from another origin.
    case forgedRequest
    /// No such page, or a user of another clinic or product.
    case notFound
}

/// Renders every error under `/dashboard` as an HTML page (the API's problem+json is the API's), a path no route
/// matches included: the core's errors with their status and message, a missing session as a redirect to sign in,
/// anything unexpected as a 500 page naming the request id, its cause logged. Other paths pass through.
struct DashboardErrorMiddleware: RouterMiddleware {
    typealias Context = AvaraRequestContext
    let pages: DashboardPages

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard path == "/dashboard" || path.hasPrefix("/dashboard/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch DashboardError.signInRequired {
            return DashboardPages.redirect(to: "/dashboard/sign-in")
        } catch {
            let (status, heading, text) = Self.describe(error, requestId: context.requestId, logger: context.logger)
            var response = pages.page(
                "message",
                [
                    "heading": heading, "text": text,
                    "link": ["href": "/dashboard", "label": "Back to the dashboard"],
                ], status: status)
            if let apiError = error as? ServiceError, case .tooManyLogins(let wait) = apiError {
                response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            }
            return response
        }
    }

    static func describe(
        _ error: any Error, requestId: String, logger: Logger
    ) -> (HTTPResponse.Status, String, String) {
        switch error {
        case DashboardError.forgedRequest:
            return (
                .forbidden, "Request refused",
                "This form was not sent from this dashboard page, or the page is too old. Go back, reload it and try again."
            )
        case DashboardError.notFound, ServiceError.userNotFound:
            return (.notFound, "Not found", "There is no such page, or no such user in your clinic.")
        case ServiceError.forbidden(let message):
            return (.forbidden, "Not allowed", message)
        case let error as ServiceError:
            let apiError = APIError(error)
            return (apiError.status, apiError.status.reasonPhrase, apiError.detail)
        case let error as HTTPError where error.status == .notFound:
            return (.notFound, "Not found", "There is no such page.")
        case let error as HTTPError where error.status.code < 500:
            return (error.status, error.status.reasonPhrase, error.body ?? error.status.reasonPhrase)
        default:
            logger.error("dashboard request failed", metadata: ["error": "\(String(reflecting: error))"])
            return (
                .internalServerError, "Something went wrong",
                "An unexpected error occurred. Quote this request id when reporting it: \(requestId)."
            )
        }
    }
}
