import Foundation
import Hummingbird

/// Reads the body of requests that carry one: `415` unless it is sent as JSON, `413` beyond 64 KiB.
///
/// After this middleware the body is in memory, so validation and the generated handler can both read it.
package struct JSONBodyMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard [.post, .put, .patch].contains(request.method) else {
            return try await next(request, context)
        }
        guard Self.isJSON(request.headers[.contentType]) else {
            throw APIError(
                status: .unsupportedMediaType, type: "/problems/unsupported-media-type",
                detail: "Send the body as JSON with `Content-Type: application/json`."
            )
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        _ = try await request.collectBody(upTo: context.maxUploadSize)
        return try await next(request, context)
    }

    /// `application/json` or any `+json` type, with parameters such as `charset=utf-8`.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1)[0]
            .trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
