import Foundation
import HTTPTypes
import OpenAPIRuntime

/// The answers of the invite endpoints, rendered before the invite is committed so that they can be stored in
/// the same transaction.
///
/// They are written exactly as the API writes them: the 201 with the generated response types and
/// ``AvaraAPI/configuration`` (as the generated handler does), a problem with ``ProblemDetails`` (as
/// ``ProblemMiddleware`` does), so a replay is byte-identical to the first answer.
extension StoredResponse {
    /// The `201 Created` answer for the newly invited `user`.
    package static func created(_ user: UserRecord) throws -> StoredResponse {
        let encoder = apiEncoder
        let body: Data
        switch user.product {
        case .viewer:
            body = try encoder.encode(Components.Schemas.ViewerUserInviteResponse(user))
        case .autoScribe:
            body = try encoder.encode(Components.Schemas.AutoScribeUserInviteResponse(user))
        }
        return StoredResponse(
            status: 201,
            headers: [
                Header(name: "Content-Type", value: "application/json; charset=utf-8"),
                Header(name: "Location", value: user.location),
            ],
            body: Array(body)
        )
    }

    /// The problem answer for `error` in the request `requestId`.
    package static func problem(_ error: APIError, requestId: String) -> StoredResponse {
        var headers = error.headers.map { Header(name: $0.name.rawName, value: $0.value) }
        headers.append(Header(name: "Content-Type", value: ProblemDetails.contentType))
        return StoredResponse(
            status: error.status.code,
            headers: headers,
            body: Array(ProblemDetails(error, requestId: requestId).encoded())
        )
    }

    /// A JSON encoder set up like the generated code's, from ``AvaraAPI/configuration``.
    private static var apiEncoder: JSONEncoder {
        let configuration = AvaraAPI.configuration
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = []
        if configuration.jsonEncodingOptions.contains(.prettyPrinted) { formatting.insert(.prettyPrinted) }
        if configuration.jsonEncodingOptions.contains(.sortedKeys) { formatting.insert(.sortedKeys) }
        if configuration.jsonEncodingOptions.contains(.withoutEscapingSlashes) {
            formatting.insert(.withoutEscapingSlashes)
        }
        encoder.outputFormatting = formatting
        let transcoder = configuration.dateTranscoder
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(try transcoder.encode(date))
        }
        return encoder
    }
}
