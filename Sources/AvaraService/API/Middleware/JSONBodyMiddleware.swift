import AvaraCore
import Foundation
import Hummingbird

/// Reads the body of requests that carry one: `415` unless it is sent as JSON, `413` beyond 64 KiB.
///
/// After this middleware a body that was announced is in one buffer; the handler reads it from there, once.
package struct JSONBodyMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard [.post, .put, .patch].contains(request.method), Self.hasBody(request) else {
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

    /// Whether the request announces a body (an action such as a resend has none).
    static func hasBody(_ request: Request) -> Bool {
        if request.headers[.transferEncoding] != nil { return true }
        guard let length = request.headers[.contentLength] else { return false }
        return length != "0"
    }

    /// `application/json` or any `+json` type, with parameters such as `charset=utf-8`.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        // Byte-level and allocation-free: this runs on every request.
        var mediaType = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }[...]
        while let first = mediaType.first, first == 0x20 || first == 0x09 { mediaType = mediaType.dropFirst() }
        while let last = mediaType.last, last == 0x20 || last == 0x09 { mediaType = mediaType.dropLast() }
        func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ expected: StaticString) -> Bool {
            expected.withUTF8Buffer { expected in
                bytes.count == expected.count
                    && zip(bytes, expected).allSatisfy { ($0 | 0x20) == ($1 | 0x20) && ($0 >= 0x41 || $0 == $1) }
            }
        }
        if equalsIgnoringCase(mediaType, "application/json") { return true }
        let prefix = "application/".utf8.count
        let suffix = "+json".utf8.count
        return mediaType.count > prefix + suffix
            && equalsIgnoringCase(mediaType.prefix(prefix), "application/")
            && equalsIgnoringCase(mediaType.suffix(suffix), "+json")
    }
}
