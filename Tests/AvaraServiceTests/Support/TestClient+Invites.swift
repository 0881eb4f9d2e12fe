import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

extension JSONValue {
    /// The value as a Foundation object for `JSONSerialization`.
    var foundationObject: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let value): value.map(\.foundationObject)
        case .object(let value): value.mapValues(\.foundationObject)
        }
    }

    /// Serialises `object` as JSON with sorted keys.
    static func encode(_ object: [String: JSONValue]) throws -> [UInt8] {
        Array(
            try JSONSerialization.data(
                withJSONObject: JSONValue.object(object).foundationObject, options: [.sortedKeys]))
    }
}

extension TestClientProtocol {
    /// `POST /v1/{product}/users` with `body` as JSON and `key` as the bearer token.
    func invite(
        _ product: Product,
        _ body: [String: JSONValue],
        key: String?,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        try await post(product, raw: try JSONValue.encode(body), key: key, headers: headers)
    }

    /// `POST /v1/{product}/users` with a raw body.
    func post(
        _ product: Product,
        raw body: [UInt8],
        key: String?,
        contentType: String = "application/json",
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = contentType
        if let key { fields[.authorization] = "Bearer \(key)" }
        return try await executeRequest(
            uri: product.usersPath, method: .post, headers: fields, body: ByteBuffer(bytes: body)
        )
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body))
        return try #require(object as? [String: Any], "body is not a JSON object: \(String(buffer: body))")
    }

    /// The body decoded as `T`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(buffer: body))
    }

    /// The `errors` of a problem body as `field: message` pairs.
    func fieldErrors() throws -> [ProblemBody.Field] {
        try decode(ProblemBody.self).errors ?? []
    }
}

/// An RFC 9457 problem as the API sends it.
struct ProblemBody: Decodable, Equatable {
    struct Field: Decodable, Equatable {
        var field: String
        var message: String
    }

    var type: String
    var title: String
    var status: Int
    var detail: String
    var requestId: String
    var errors: [Field]?
}

/// Request bodies for the API tests.
enum InviteBodies {
    /// A body with only the required fields, valid for `product`.
    static func minimal(_ product: Product, email: String = "dr.johnson@hospital.org") -> [String: JSONValue] {
        var body = ValidationFixtures.minimalBody(for: product)
        body["email"] = .string(email)
        return body
    }

    /// A body with every field of `product`, valid.
    static func full(_ product: Product, email: String = "dr.johnson@hospital.org") -> [String: JSONValue] {
        var body = ValidationFixtures.fullBody(for: product)
        body["email"] = .string(email)
        return body
    }
}
