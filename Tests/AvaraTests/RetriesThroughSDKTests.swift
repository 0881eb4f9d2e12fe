import Avara
import AvaraTestSupport
import Foundation
import Testing

@Suite("Retries, end to end")
struct RetriesThroughSDKTests {
    static let sarah = Viewer.UserInviteParams(
        canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org", firstName: "Sarah",
        hasDashboardAccess: true, lastName: "Johnson", level: .member
    )

    @Test("a server that fails first (503, 429, a dropped connection) still gets the invite through, once")
    func retriesUntilSuccess() async throws {
        try await LiveService.run { service in
            let transport = ScriptedTransport([
                .respond(status: 503), .refuseConnection,
            ])
            let user = try await service.client(transport: transport).viewer.users.invite(Self.sarah)
            #expect(user.email == "dr.johnson@hospital.org")
            #expect(transport.requests.count == 3)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
        }
    }

    @Test("every attempt of one call carries the same Idempotency-Key and counts its retries")
    func idempotencyKeyIsReused() async throws {
        try await LiveService.run { service in
            let transport = ScriptedTransport([.respond(status: 500), .respond(status: 502)])
            let client = service.client(transport: transport)
            _ = try await client.viewer.users.invite(Self.sarah)
            _ = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .other, email: "second@clinic.org", firstName: "A",
                hasDashboardAccess: false, lastName: "B", level: .member
            )
            let keys = transport.requests.map { $0.headers["Idempotency-Key"] }
            #expect(keys.count == 4)
            #expect(keys[0] != nil && keys[0] == keys[1] && keys[1] == keys[2])
            #expect(keys[3] != nil && keys[3] != keys[0])
            #expect(transport.requests.map { $0.headers["X-Avara-Retry-Count"] } == ["0", "1", "2", "0"])
        }
    }

    @Test("a retried invite whose first attempt reached the server creates one user and one email")
    func replayedInviteCreatesOneUser() async throws {
        try await LiveService.run { service in
            let transport = ScriptedTransport([.forwardThenTimeOut])
            let user = try await service.client(transport: transport).viewer.users.invite(Self.sarah)
            #expect(transport.requests.count == 2)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
            #expect(try await service.deliveredMail().count == 1)
            let stored = try await service.count(
                "SELECT COUNT(*) AS n FROM users WHERE user_id = '\(user.userId)'"
            )
            #expect(stored == 1, "the replayed answer names the user the first attempt created")
        }
    }

    @Test("a caller's own Idempotency-Key makes a repeated call replay the first answer")
    func callerKeyReplays() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let options = RequestOptions(idempotencyKey: "roster-row-17")
            let first = try await client.viewer.users.invite(Self.sarah, options: options)
            let again = try await client.viewer.users.invite(Self.sarah, options: options)
            #expect(again == first)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
        }
    }

    @Test("per-call options: no retries, and extra headers")
    func perCallOptions() async throws {
        try await LiveService.run { service in
            let transport = ScriptedTransport([.respond(status: 503)])
            let client = service.client(transport: transport)
            let error = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.invite(Self.sarah, options: .init(maxRetries: 0))
            }
            #expect(error.kind == .server)
            #expect(transport.requests.count == 1)
            _ = try await client.viewer.users.invite(
                Self.sarah, options: .init(additionalHeaders: ["X-Request-Id": "trace-1"]))
            #expect(transport.requests.last?.headers["X-Request-Id"] == "trace-1")
        }
    }

    @Test("a server that never answers is a timeout after the per-call limit, retried like a connection error")
    func timeoutIsReported() async throws {
        try await SilentTCPServer.with(greeting: "") { port in
            let transport = ScriptedTransport([])
            let client = AvaraClient(
                apiKey: "k", baseURL: URL(string: "http://127.0.0.1:\(port)")!,
                configuration: .init(retry: RetryPolicy(initialDelay: .milliseconds(1))), transport: transport
            )
            let error = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.invite(
                    Self.sarah, options: .init(timeout: .milliseconds(300), maxRetries: 1))
            }
            #expect(error.kind == .timeout)
            #expect(transport.requests.count == 2)
            #expect(transport.requests.allSatisfy { $0.timeout == .milliseconds(300) })
        }
    }
}
