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

    /// The response carrying this problem.
    package func response(headers extraHeaders: HTTPFields) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data(#"{"title":"Internal Server Error","status":500}"#.utf8)
        var headers = extraHeaders
        headers[.contentType] = "application/problem+json"
        return Response(
            status: .init(code: status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
