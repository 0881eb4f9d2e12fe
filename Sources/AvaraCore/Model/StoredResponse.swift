import Foundation

/// An answer kept under an idempotency key, to be sent again, byte for byte, to a retry of its request.
///
/// The surface that took the request renders it (the core never builds HTTP answers); the core only stores it with
/// the invite, in the invite's transaction.
///
/// Only the headers that describe the answer are kept (`Content-Type`, `Location`, `x-should-retry`); those of
/// the exchange (`X-Request-Id`, `Content-Length`) belong to each response and are set again when it is sent.
package struct StoredResponse: Sendable, Equatable {
    /// One kept header field.
    package struct Header: Codable, Sendable, Equatable {
        package var name: String
        package var value: String

        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP status code, e.g. 201.
    package var status: Int
    package var headers: [Header]
    /// The body exactly as first sent (UTF-8 JSON).
    package var body: [UInt8]

    package init(status: Int, headers: [Header], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

extension StoredResponse {
    /// The headers as stored: a JSON array of `{"name": …, "value": …}`.
    package func encodedHeaders() throws -> String {
        String(decoding: try JSONEncoder().encode(headers), as: UTF8.self)
    }

    /// Reads headers written by ``encodedHeaders()``.
    package static func decodeHeaders(_ text: String) throws -> [Header] {
        try JSONDecoder().decode([Header].self, from: Data(text.utf8))
    }
}
