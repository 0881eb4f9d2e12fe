import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// Every spelling of a route gets everything the route has: the rules, the all-violations 422, the idempotency.
@Suite("Routes are the same whatever the spelling of their path")
struct RouteSpellingTests {
    @Test(
        "an invalid invite to the users path with a trailing slash is a 422 listing every rule, and nothing is stored")
    func trailingSlashInviteIsValidated() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.minimal(.viewer)
                body["email"] = "not-an-email"
                body["firstName"] = ""
                body["level"] = "admin"
                body["hasDashboardAccess"] = false
                let response = try await client.post(
                    raw: try JSONValue.encode(body), to: "/v1/viewer/users/", key: service.apiKey)
                #expect(response.status == .unprocessableContent)
                #expect(Set(try response.fieldErrors().map(\.field)) == ["email", "firstName", "hasDashboardAccess"])
            }
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 0)
        }
    }

    @Test("a report writer with a bad NPI is refused on the AutoScribe users path with a trailing slash")
    func trailingSlashChecksNPI() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.full(.autoScribe)
                body["canCreateReports"] = true
                body["npiNumber"] = "1234567890"
                let response = try await client.post(
                    raw: try JSONValue.encode(body), to: "/v1/autoScribe/users/", key: service.apiKey
                )
                #expect(response.status == .unprocessableContent)
                #expect(try response.fieldErrors().map(\.field) == ["npiNumber"])
            }
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
        }
    }

    @Test("a retry with the same Idempotency-Key is replayed, whichever spelling of the path each request used")
    func idempotencyAcrossSpellings() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = try JSONValue.encode(InviteBodies.full(.autoScribe))
                let headers: HTTPFields = [.idempotencyKey: "roster-row-17"]
                let first = try await client.post(
                    raw: body, to: "/v1/autoScribe/users/", key: service.apiKey, headers: headers)
                #expect(first.status == .created)
                for path in ["/v1/autoScribe/users/", "/v1/autoScribe/users", "/v1/autoScribe//users"] {
                    let retry = try await client.post(raw: body, to: path, key: service.apiKey, headers: headers)
                    #expect(retry.status == .created, "\(path)")
                    #expect(retry.headers[.idempotentReplayed] == "true", "\(path)")
                    #expect(retry.body == first.body, "\(path)")
                }
            }
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
        }
    }

    @Test("an update through a user's path with a trailing slash is checked like any other")
    func trailingSlashUpdateIsValidated() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let created = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                let userId = try #require(try created.json()["userId"] as? String)
                let badFields = try await client.execute(
                    uri: "/v1/viewer/users/\(userId)/", method: .patch, key: service.apiKey,
                    body: try JSONValue.encode(["level": "owner", "phoneNumber": "12", "email": "x@y.org"])
                )
                #expect(badFields.status == .unprocessableContent)
                #expect(Set(try badFields.fieldErrors().map(\.field)) == ["email", "level", "phoneNumber"])
                let adminWithoutDashboard = try await client.execute(
                    uri: "/v1/viewer/users/\(userId)/", method: .patch, key: service.apiKey,
                    body: try JSONValue.encode(["level": "admin", "hasDashboardAccess": false])
                )
                #expect(adminWithoutDashboard.status == .unprocessableContent)
                #expect(try adminWithoutDashboard.fieldErrors().map(\.field) == ["hasDashboardAccess"])
                let stored = try await client.execute(
                    uri: "/v1/viewer/users/\(userId)", method: .get, key: service.apiKey)
                #expect(try stored.json()["level"] as? String == "member")
            }
        }
    }

    @Test(
        "a path that is not a route answers 404",
        arguments: ["/v1/viewer/userz", "/v1/viewer/users/usr_1/invitation", "/v2/viewer/users"])
    func unknownPath(path: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.post(raw: Array("{}".utf8), to: path, key: service.apiKey)
                #expect(response.status == .notFound)
            }
        }
    }
}

extension TestClientProtocol {
    /// `POST path` with a raw JSON body and `key` as the bearer token.
    func post(raw body: [UInt8], to path: String, key: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: path, method: .post, key: key, body: body, headers: headers)
    }

    /// A request with `key` as the bearer token and, when given, `body` as JSON.
    func execute(
        uri: String, method: HTTPRequest.Method, key: String, body: [UInt8]? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        fields[.authorization] = "Bearer \(key)"
        if body != nil { fields[.contentType] = "application/json" }
        return try await executeRequest(
            uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(bytes: $0) })
    }
}
