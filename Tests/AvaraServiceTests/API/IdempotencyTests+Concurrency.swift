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

/// Requests racing with one key, and a retry over real HTTP.
extension IdempotencyTests {
    @Test("16 concurrent requests with one key and body: one user, one email, every answer the same 201")
    func concurrentSameKeyCreatesOneUser() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.full(.viewer)
                let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                    for _ in 0..<16 {
                        group.addTask {
                            try await client.invite(.viewer, body, key: service.apiKey, headers: Self.keyed("race"))
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(responses.allSatisfy { $0.status == .created })
                #expect(Set(responses.map { String(buffer: $0.body) }).count == 1)
                #expect(Set(responses.compactMap { $0.headers[.location] }).count == 1)
                #expect(responses.filter { $0.headers[.idempotentReplayed] == nil }.count == 1)
                #expect(responses.filter { $0.headers[.idempotentReplayed] == "true" }.count == 15)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
                #expect(try await service.deliverMail() == 1)
            }
        }
    }

    @Test("concurrent requests with one key and different bodies: one 201, the others 422, one user")
    func concurrentSameKeyDifferentBodies() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<12 {
                        let body = InviteBodies.minimal(.viewer, email: "user\(index)@hospital.org")
                        group.addTask {
                            try await client.invite(
                                .viewer, body, key: service.apiKey, headers: Self.keyed("contested")
                            ).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .created }.count == 1)
                #expect(statuses.filter { $0 == .unprocessableContent }.count == 11)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
            }
        }
    }

    @Test("over real HTTP, a retry gets the first answer with Idempotent-Replayed: true")
    func replayOverHTTP() async throws {
        try await TestService.with(configure: { $0.port = 0 }) { service in
            let app = try buildApplication(environment: service.environment)
            try await app.test(.live) { client in
                let body = InviteBodies.full(.autoScribe)
                let first = try await client.invite(.autoScribe, body, key: service.apiKey, headers: Self.keyed("wire"))
                let retry = try await client.invite(.autoScribe, body, key: service.apiKey, headers: Self.keyed("wire"))
                #expect(first.status == .created)
                #expect(retry.status == .created)
                #expect(first.headers[.idempotentReplayed] == nil)
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(retry.headers[.location] == first.headers[.location])
                #expect(retry.headers[.contentType] == first.headers[.contentType])
                #expect(retry.headers[.contentLength] == first.headers[.contentLength])
                #expect(retry.headers[.requestId] != first.headers[.requestId])
                #expect(String(buffer: retry.body) == String(buffer: first.body))
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
            }
        }
    }
}
