import Avara
import AvaraCore
import AvaraMail
import AvaraService
import AvaraStorage
import Foundation
import SQLKit
import Testing

@Suite("Errors the SDK reports")
struct ErrorsThroughSDKTests {
    static func sarah(email: String = "dr.johnson@hospital.org") -> Viewer.UserInviteParams {
        Viewer.UserInviteParams(
            canManageStudies: true, clinicRole: .radiologist, email: email, firstName: "Sarah",
            hasDashboardAccess: true, lastName: "Johnson", level: .member
        )
    }

    @Test("an unknown key is an authentication error with the request id, not retried")
    func unknownKey() async throws {
        try await LiveService.run { service in
            let transport = ScriptedTransport([])
            let client = service.client(
                apiKey: "avk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", transport: transport
            )
            let error = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.invite(Self.sarah())
            }
            #expect(error.kind == .authentication)
            #expect(error.status == 401)
            #expect(error.requestId?.hasPrefix("req_") == true)
            #expect(transport.requests.count == 1)
        }
    }

    @Test("a broken rule is a 422 listing the fields, named in the description")
    func unprocessableEntity() async throws {
        try await LiveService.run { service in
            let params = AutoScribe.UserInviteParams(
                canCreateReports: true, canManageStudies: true, clinicRole: .radiologist, email: "no-at-sign",
                firstName: "Sarah", hasDashboardAccess: false, lastName: "Johnson", level: .admin
            )
            let error = try await #require(throws: AvaraError.self) {
                try await service.client().autoScribe.users.invite(params)
            }
            #expect(error.kind == .unprocessableEntity)
            #expect(error.status == 422)
            #expect(Set(error.fieldErrors.map(\.field)) == ["email", "hasDashboardAccess", "npiNumber"])
            let description = String(describing: error)
            #expect(description.contains("422"))
            #expect(description.contains("npiNumber: is required when canCreateReports is true"))
            #expect(description.contains("email:"))
        }
    }

    @Test("an email already invited is a conflict, not retried because the server says x-should-retry: false")
    func conflictIsNotRetried() async throws {
        try await LiveService.run { service in
            let transport = ScriptedTransport([])
            let client = service.client(transport: transport)
            _ = try await client.viewer.users.invite(Self.sarah())
            let error = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.invite(Self.sarah(email: "DR.JOHNSON@hospital.org"))
            }
            #expect(error.kind == .conflict)
            #expect(error.fieldErrors.map(\.field) == ["email"])
            #expect(transport.requests.count == 2)
        }
    }

    @Test("an unknown route is not found")
    func notFound() async throws {
        try await LiveService.run { service in
            let client = AvaraClient(apiKey: service.apiKey, baseURL: service.baseURL.appendingPathComponent("nowhere"))
            let error = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.invite(Self.sarah())
            }
            #expect(error.kind == .notFound)
            #expect(error.status == 404)
        }
    }

    @Test("a server failure is retried twice, then reported as a server error without internals")
    func serverErrorAfterRetries() async throws {
        try await LiveService.run { service in
            try await service.environment.store.transaction { db in try await db.raw("DROP TABLE outbox").run() }
            let transport = ScriptedTransport([])
            let error = try await #require(throws: AvaraError.self) {
                try await service.client(transport: transport).viewer.users.invite(Self.sarah())
            }
            #expect(error.kind == .server)
            #expect(error.status == 500)
            #expect(transport.requests.count == 3)
            #expect(!(error.detail ?? "").lowercased().contains("outbox"))
        }
    }

    @Test("nothing listening is a connection error, retried, with the cause")
    func connectionRefused() async throws {
        let transport = ScriptedTransport([])
        let client = AvaraClient(
            apiKey: "k", baseURL: URL(string: "http://127.0.0.1:9")!,
            configuration: .init(retry: RetryPolicy(initialDelay: .milliseconds(1))), transport: transport
        )
        let error = try await #require(throws: AvaraError.self) { try await client.viewer.users.invite(Self.sarah()) }
        #expect(error.kind == .connection)
        #expect(error.status == nil)
        #expect(error.underlying != nil)
        #expect(transport.requests.count == 3)
    }

    @Test(
        "each status maps to its kind",
        arguments: [
            (400, AvaraError.Kind.badRequest), (401, .authentication), (403, .permissionDenied), (404, .notFound),
            (409, .conflict), (422, .unprocessableEntity), (429, .rateLimited), (500, .server), (503, .server),
            (418, .unexpectedStatus),
        ]
    )
    func statusKinds(status: Int, kind: AvaraError.Kind) async throws {
        let problem = #"{"type":"about:blank","title":"T","status":\#(status),"detail":"D","requestId":"req_1"}"#
        let transport = ScriptedTransport(
            Array(repeating: .respond(status: status, headers: ["x-should-retry": "false"], body: problem), count: 3)
        )
        let client = AvaraClient(apiKey: "k", transport: transport)
        let error = try await #require(throws: AvaraError.self) { try await client.viewer.users.invite(Self.sarah()) }
        #expect(error.kind == kind)
        #expect(error.status == status)
        #expect(error.title == "T" && error.detail == "D" && error.requestId == "req_1")
        #expect(String(describing: error).contains("\(status)"))
    }
}
