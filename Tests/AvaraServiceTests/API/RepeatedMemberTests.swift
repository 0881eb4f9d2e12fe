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

/// A body is read once and parsed once, and a member name given twice is refused: no two readings can disagree.
@Suite("Bodies that repeat a member name are refused")
struct RepeatedMemberTests {
    /// A valid Viewer invite whose `email` and `level` are each given twice, the first time with a bad value.
    static let repeatedInvite = Array(
        """
        {"email": "x", "email": "a@h.org", "level": "admin", "level": "member", "firstName": "", "firstName": "Ann",
         "lastName": "Lee", "clinicRole": "Radiologist", "canManageStudies": false, "hasDashboardAccess": false}
        """.utf8
    )

    @Test("an invite repeating members answers 400 naming the first repeated one, and stores nothing")
    func inviteWithRepeatedMembers() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.post(.viewer, raw: Self.repeatedInvite, key: service.apiKey)
                #expect(response.status == .badRequest)
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.type == "/problems/malformed-body")
                #expect(problem.errors?.map(\.field) == ["email"])
            }
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
        }
    }

    @Test("a repeated member inside a nested value is refused too")
    func nestedRepeatedMember() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = Array(try JSONValue.encode(InviteBodies.minimal(.viewer)).dropLast())
                body += Array(#","extra":{"a":1,"a":2}}"#.utf8)
                let response = try await client.post(.viewer, raw: body, key: service.apiKey)
                #expect(response.status == .badRequest)
                #expect(try response.fieldErrors().map(\.field) == ["a"])
            }
        }
    }

    @Test("an update and a login repeating a member are refused", arguments: ["update", "login"])
    func otherBodies(kind: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response: TestResponse
                if kind == "update" {
                    let created = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                    let userId = try #require(try created.json()["userId"] as? String)
                    response = try await client.execute(
                        uri: "/v1/viewer/users/\(userId)", method: .patch, key: service.apiKey,
                        body: Array(#"{"level": "member", "level": "admin"}"#.utf8)
                    )
                } else {
                    response = try await client.executeRequest(
                        uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                        body: ByteBuffer(
                            string: #"{"email":"a@h.org","password":"x","password":"y","product":"viewer"}"#)
                    )
                }
                #expect(response.status == .badRequest)
                #expect(try response.fieldErrors().map(\.field) == [kind == "update" ? "level" : "password"])
            }
        }
    }

    @Test("an empty streamed body with an Idempotency-Key is a 400, and the server goes on serving")
    func emptyStreamedBodyWithKey() async throws {
        try await TestService.with(configure: { $0.port = 0 }) { service in
            let app = try buildApplication(environment: service.environment)
            try await app.test(.live) { client in
                for path in ["/v1/viewer/users", "/v1/viewer/users/"] {
                    let response = try await client.executeRequest(
                        uri: path, method: .post,
                        headers: [
                            .authorization: "Bearer \(service.apiKey)", .contentType: "application/json",
                            .idempotencyKey: "empty-body-1", .contentLength: "0",
                        ],
                        body: nil
                    )
                    #expect(response.status == .badRequest, "\(path)")
                }
                let invite = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                #expect(invite.status == .created)
            }
        }
    }
}
