import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How the API writes JSON bodies: compact, keys sorted so that answers are stable, slashes unescaped, and
/// timestamps with the milliseconds they are stored with (``Timestamp``).
///
/// Every JSON answer goes through here, including the ones kept under idempotency keys, so a replay is byte for
/// byte the first answer.
enum APIJSON {
    /// `value` as the API writes it.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }

    /// The media type of JSON answers.
    static let contentType = "application/json; charset=utf-8"

    /// A `status` answer with `value` as its JSON body, and `headers`.
    static func response(
        _ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]
    ) throws -> Response {
        response(status, bytes: try encode(value), headers: headers)
    }

    /// A `status` answer with a JSON body already encoded.
    static func response(_ status: HTTPResponse.Status, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(date))
        }
        return encoder
    }()
}
