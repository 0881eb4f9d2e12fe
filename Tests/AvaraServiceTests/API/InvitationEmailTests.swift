import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("The invitation email")
struct InvitationEmailTests {
    /// Invites one user of `product` and delivers the outbox; returns the user id and the single `.eml` written.
    private func inviteAndDeliver(
        _ product: Product, body: [String: JSONValue], service: TestService
    ) async throws -> (userId: String, email: ReceivedEmail) {
        let userId = try await service.app().test(.router) { client in
            let response = try await client.invite(product, body, key: service.apiKey)
            #expect(response.status == .created)
            return try #require(try response.json()["userId"] as? String)
        }
        #expect(try service.deliveredMail().isEmpty, "mail is written by the outbox service, not by the request")
        #expect(try await service.deliverMail() == 1)
        let files = try service.deliveredMail()
        try #require(files.count == 1)
        return (userId, try ReceivedEmail(files[0]))
    }

    @Test(
        "one email per invite, to the invitee by name, naming the product and the clinic", arguments: Product.allCases)
    func emailIsAddressedToTheInvitee(product: Product) async throws {
        try await TestService.with { service in
            let (_, email) = try await inviteAndDeliver(product, body: InviteBodies.full(product), service: service)
            #expect(email.header("To") == "\"Sarah Marie Johnson MD FACR\" <dr.johnson@hospital.org>")
            #expect(email.header("Subject") == "Acme Imaging invited you to Avara \(product.displayName)")
            #expect(email.header("MIME-Version") == "1.0")
            #expect(email.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
            #expect(email.header("Message-ID")?.hasPrefix("<inv_") == true)
            #expect(email.header("Date") != nil)
            for part in [email.text, email.html] {
                #expect(part.contains("Sarah Marie Johnson MD FACR"))
                #expect(part.contains("Acme Imaging"))
                #expect(part.contains("Avara \(product.displayName)"))
                #expect(part.contains("Radiologist"))
            }
            #expect(email.html.contains("<a href=\"https://avara.example.org/invitations/"))
        }
    }

    @Test("the link carries a time prefix and a 32-byte token, of which only the prefix and the SHA-256 are stored")
    func tokenIsStoredOnlyAsAHash() async throws {
        try await TestService.with { service in
            let (userId, email) = try await inviteAndDeliver(
                .viewer, body: InviteBodies.minimal(.viewer), service: service)
            let link = try email.acceptLink(base: "https://avara.example.org")
            let token = String(link.split(separator: "/").last!)
            let match = try #require(token.wholeMatch(of: /([0-9a-f]{12})([A-Za-z0-9_-]{43})/))
            let decoded = try #require(Data(base64Encoded: Self.paddedBase64(String(match.2))))
            #expect(decoded.count == 32)

            let hashes = try await service.strings(
                "SELECT token_hash FROM invitations WHERE user_id = '\(userId)'", column: "token_hash"
            )
            #expect(hashes == [String(match.1) + TokenDigests.sha256Hex(token)])

            let database = try await service.databaseContents()
            #expect(database.range(of: Data(token.utf8)) == nil, "the token must not be in the database")
        }
    }

    @Test("a sent message is marked sent and its content, which holds the link, is cleared")
    func sentMessagesAreCleared() async throws {
        try await TestService.with { service in
            _ = try await inviteAndDeliver(.autoScribe, body: InviteBodies.full(.autoScribe), service: service)
            #expect(
                try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent' AND message IS NULL")
                    == 1)
            #expect(try await service.deliverMail() == 0, "a sent message is not delivered again")
            #expect(try service.deliveredMail().count == 1)
        }
    }

    @Test("a rejected invite queues no email")
    func rejectedInviteQueuesNothing() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                _ = try await client.invite(.viewer, ["email": .string("x@y.org")], key: service.apiKey)
            }
            #expect(try await service.deliverMail() == 0)
            #expect(try service.deliveredMail().isEmpty)
        }
    }

    @Test("the link starts with the configured public URL")
    func linkUsesPublicURL() async throws {
        try await TestService.with(configure: { $0.publicURL = "https://invites.clinic.example/" }) { service in
            let (_, email) = try await inviteAndDeliver(.viewer, body: InviteBodies.minimal(.viewer), service: service)
            _ = try email.acceptLink(base: "https://invites.clinic.example")
            #expect(!email.text.contains("example//invitations"))
        }
    }

    @Test("the invitation expires seven days after the invite")
    func invitationExpiresInSevenDays() async throws {
        try await TestService.with { service in
            let (userId, _) = try await inviteAndDeliver(.viewer, body: InviteBodies.minimal(.viewer), service: service)
            let expiry = try await service.strings(
                "SELECT expires_at FROM invitations WHERE user_id = '\(userId)'", column: "expires_at"
            )
            #expect(expiry == ["2026-03-08T09:30:00.250Z"])
        }
    }

    private static func paddedBase64(_ base64URL: String) -> String {
        var text = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return text
    }
}
