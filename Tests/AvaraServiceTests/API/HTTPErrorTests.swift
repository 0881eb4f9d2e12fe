import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("HTTP errors as problem details")
struct HTTPErrorTests {
    @Test(
        "a missing, malformed or unknown key answers 401 with WWW-Authenticate: Bearer",
        arguments: [
            nil, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-key",
            "Bearer avk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ]
    )
    func badKeyAnswers401(authorization: String?) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var headers: HTTPFields = [.contentType: "application/json"]
                if let authorization { headers[.authorization] = authorization }
                let body = try JSONValue.encode(InviteBodies.minimal(.viewer))
                let response = try await client.executeRequest(
                    uri: "/v1/viewer/users", method: .post, headers: headers, body: ByteBuffer(bytes: body)
                )
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try response.decode(ProblemBody.self).status == 401)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            }
        }
    }

    @Test("a key with a tampered secret answers 401")
    func tamperedKeyAnswers401() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var key = service.apiKey
                let last = key.removeLast()
                key.append(last == "A" ? "B" : "A")
                let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: key)
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("the key is checked before the body: an invalid body without a key answers 401, not 422")
    func authenticationComesFirst() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.viewer, ["email": .string("x")], key: nil)
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("a body over 64 KiB answers 413")
    func oversizedBodyAnswers413() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.minimal(.viewer)
                body["padding"] = .string(String(repeating: "x", count: 65 * 1024))
                let response = try await client.invite(.viewer, body, key: service.apiKey)
                #expect(response.status == .contentTooLarge)
                #expect(try response.decode(ProblemBody.self).status == 413)
            }
        }
    }

    @Test("a body just under 64 KiB is accepted")
    func bodyUnderTheLimitIsAccepted() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.minimal(.viewer)
                body["padding"] = .string(String(repeating: "x", count: 63 * 1024))
                let response = try await client.invite(.viewer, body, key: service.apiKey)
                #expect(response.status == .created)
            }
        }
    }

    @Test(
        "a content type that is not JSON answers 415",
        arguments: ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
    func nonJSONContentTypeAnswers415(contentType: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = try JSONValue.encode(InviteBodies.minimal(.viewer))
                let response = try await client.post(
                    .viewer, raw: Array(body), key: service.apiKey, contentType: contentType)
                #expect(response.status == .unsupportedMediaType)
                #expect(try response.decode(ProblemBody.self).status == 415)
            }
        }
    }

    @Test("JSON with a charset parameter is accepted")
    func jsonWithCharsetIsAccepted() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = try JSONValue.encode(InviteBodies.minimal(.viewer))
                let response = try await client.post(
                    .viewer, raw: Array(body), key: service.apiKey, contentType: "application/json; charset=utf-8"
                )
                #expect(response.status == .created)
            }
        }
    }

    @Test(
        "an unknown route answers 404 as a problem",
        arguments: ["/v1/viewer/user", "/v2/viewer/users", "/nothing", "/v1/scribe/users"])
    func unknownRouteAnswers404(path: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.executeRequest(
                    uri: path, method: .get, headers: [.authorization: "Bearer \(service.apiKey)"], body: nil
                )
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(try response.decode(ProblemBody.self).status == 404)
            }
        }
    }

    @Test(
        "a method the route does not support answers 405 with Allow",
        arguments: [HTTPRequest.Method.put, .delete, .patch])
    func unsupportedMethodAnswers405(method: HTTPRequest.Method) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.executeRequest(
                    uri: "/v1/autoScribe/users", method: method, headers: [.authorization: "Bearer \(service.apiKey)"],
                    body: nil
                )
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, POST")
                #expect(try response.decode(ProblemBody.self).status == 405)
            }
        }
    }

    @Test("every response carries X-Request-Id, and the problem names the same id")
    func everyResponseHasARequestId() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let created = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                let invalid = try await client.invite(.viewer, [:], key: service.apiKey)
                let unauthorized = try await client.invite(.viewer, [:], key: nil)
                let missing = try await client.executeRequest(uri: "/missing", method: .get, headers: [:], body: nil)
                let health = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
                var ids: [String] = []
                for response in [created, invalid, unauthorized, missing, health] {
                    let id = try #require(response.headers[.requestId])
                    #expect(id.wholeMatch(of: /req_[0-9a-f]{24}/) != nil)
                    ids.append(id)
                }
                #expect(Set(ids).count == ids.count)
                for response in [invalid, unauthorized, missing] {
                    #expect(try response.decode(ProblemBody.self).requestId == response.headers[.requestId])
                }
            }
        }
    }

    @Test("a caller's plain X-Request-Id is kept; an unsafe one is replaced")
    func callerRequestIdIsKeptWhenSafe() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let kept = try await client.executeRequest(
                    uri: "/health", method: .get, headers: [.requestId: "trace-42.a_b"], body: nil
                )
                #expect(kept.headers[.requestId] == "trace-42.a_b")
                let replaced = try await client.executeRequest(
                    uri: "/health", method: .get, headers: [.requestId: "<script>"], body: nil
                )
                #expect(replaced.headers[.requestId]?.hasPrefix("req_") == true)
            }
        }
    }

    @Test("a failure inside the service answers 500 without internals, and nothing is half-written")
    func internalFailureShowsNoInternals() async throws {
        try await TestService.with { service in
            try await service.environment.store.transaction { db in
                try await db.raw("DROP TABLE outbox").run()
            }
            try await service.app().test(.router) { client in
                let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                #expect(response.status == .internalServerError)
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.status == 500)
                let text = String(buffer: response.body).lowercased()
                for leak in ["sqlite", "outbox", "table", "error:"] {
                    #expect(!text.contains(leak), "the 500 body mentions \(leak): \(text)")
                }
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            }
        }
    }
}
