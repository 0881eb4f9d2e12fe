import AvaraCore
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error below it into an RFC 9457 `application/problem+json` response.
///
/// Known errors keep their status and message; anything else becomes a 500 whose body names only the request id,
/// while the log (at error level) keeps the cause.
package struct ProblemMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, logger: context.logger)
            return ProblemDetails(apiError, requestId: context.requestId).response(headers: apiError.headers)
        }
    }

    static func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ServiceError:
            return APIError(error)
        case let error as HTTPError:
            return APIError(status: error.status, headers: error.headers, detail: detail(for: error))
        default:
            return internalError(error, logger: logger)
        }
    }

    private static func detail(for error: HTTPError) -> String {
        switch error.status {
        case .notFound: "No route matches this path."
        case .methodNotAllowed: "This path does not support this method; see the Allow header."
        case .contentTooLarge: "The request body is larger than 64 KiB."
        default: error.body ?? error.status.reasonPhrase
        }
    }

    private static func internalError(_ error: any Error, logger: Logger) -> APIError {
        logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
        return APIError(
            status: .internalServerError,
            detail: "An unexpected error occurred. Quote the request id when reporting it.")
    }
}

extension APIError {
    fileprivate init(status: HTTPResponse.Status, headers: HTTPFields, detail: String) {
        var headers = headers
        headers[.contentType] = nil
        self.init(status: status, detail: detail, headers: headers)
    }
}
