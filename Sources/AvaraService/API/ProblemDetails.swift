import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The RFC 9457 body of every error response (`application/problem+json`).
package struct ProblemDetails: Codable, Sendable, Equatable {
    package var type: String
    package var title: String
    package var status: Int
    package var detail: String
    package var requestId: String
    /// Every violated rule (422), or the offending field (409).
    package var errors: [FieldError]?

    package init(_ error: APIError, requestId: String) {
        self.type = error.type
        self.title = error.title
        self.status = error.status.code
        self.detail = error.detail
        self.requestId = requestId
        self.errors = error.fieldErrors.isEmpty ? nil : error.fieldErrors
    }

    /// The media type of problem bodies.
    package static let contentType = "application/problem+json"

    /// The response body: compact JSON with sorted keys, the same bytes every time.
    package func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data(#"{"title":"Internal Server Error","status":500}"#.utf8)
    }

    /// The response carrying this problem.
    package func response(headers extraHeaders: HTTPFields) -> Response {
        var headers = extraHeaders
        headers[.contentType] = Self.contentType
        return Response(
            status: .init(code: status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: encoded()))
        )
    }
}
