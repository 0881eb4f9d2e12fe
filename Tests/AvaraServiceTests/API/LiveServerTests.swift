import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("The whole application over real HTTP on loopback")
struct LiveServerTests {
    @Test("an invite over HTTP is answered 201 and its email is delivered by the background outbox service")
    func inviteOverHTTPDeliversMail() async throws {
        try await TestService.with(configure: { $0.port = 0 }) { service in
            let app = try buildApplication(environment: service.environment)
            try await app.test(.live) { client in
                let response = try await client.invite(.autoScribe, InviteBodies.full(.autoScribe), key: service.apiKey)
                #expect(response.status == .created)
                #expect(response.headers[.requestId] != nil)
                let userId = try #require(try response.json()["userId"] as? String)
                #expect(response.headers[.location] == "/v1/autoScribe/users/\(userId)")

                let duplicate = try await client.invite(
                    .autoScribe, InviteBodies.full(.autoScribe), key: service.apiKey)
                #expect(duplicate.status == .conflict)

                // The outbox service polls every 250 ms; wait for it rather than delivering by hand.
                var files: [String] = []
                for _ in 0..<200 where files.isEmpty {
                    try await Task.sleep(for: .milliseconds(50))
                    files = try service.deliveredMail()
                }
                try #require(files.count == 1)
                let email = try ReceivedEmail(files[0])
                #expect(email.header("To")?.hasSuffix("<dr.johnson@hospital.org>") == true)
            }
        }
    }
}
