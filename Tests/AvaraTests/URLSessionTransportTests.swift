import Avara
import AvaraTestSupport
import Foundation
import Testing

/// The SDK's default transport, in process. The other suites send with ``NIOHTTPTransport`` (see there why); the
/// CLI tests use `URLSessionTransport` in every client command they run, a connection refused included.
@Suite("The default transport, URLSession", .serialized)
struct URLSessionTransportTests {
    @Test("an invite, its retrieval and a list go through URLSession: bodies, headers and statuses both ways")
    func roundTrip() async throws {
        try await LiveService.run { service in
            let client = service.client(transport: URLSessionTransport())
            let user = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
                firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member,
                options: .init(idempotencyKey: "urlsession-1")
            )
            #expect(user.email == "dr.johnson@hospital.org")
            var retrieved = try await client.viewer.users.retrieve(userId: user.userId)
            // The service may have sent the invitation email meanwhile (queued → sent); all else is the invite's answer.
            #expect(retrieved.invitationEmail?.status == .queued || retrieved.invitationEmail?.status == .sent)
            retrieved.invitationEmail = user.invitationEmail
            #expect(retrieved == user)
            let page = try await client.viewer.users.list(limit: 5).page()
            #expect(page.data.map(\.userId) == [user.userId])
            let missing = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.retrieve(userId: "usr_\(String(repeating: "0", count: 32))")
            }
            #expect(missing.kind == .notFound)
            #expect(missing.status == 404)
        }
    }

    @Test("a server that never answers is a timeout once the call's limit has passed")
    func timeout() async throws {
        try await SilentTCPServer.with(greeting: "") { port in
            let client = AvaraClient(
                apiKey: "k", baseURL: URL(string: "http://127.0.0.1:\(port)")!, transport: URLSessionTransport()
            )
            let error = try await #require(throws: AvaraError.self) {
                try await client.viewer.users.retrieve(
                    userId: "usr_\(String(repeating: "0", count: 32))",
                    options: .init(timeout: .milliseconds(300), maxRetries: 0)
                )
            }
            #expect(error.kind == .timeout)
        }
    }
}
