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

/// Steps of the invited person's path, shared by the acceptance and login tests.
enum AcceptanceSteps {
    /// Invites a user of `product` (with dashboard access unless told otherwise), delivers the email and returns
    /// the user id and the path of the acceptance link.
    static func invite(
        _ product: Product, _ client: some TestClientProtocol, _ service: TestService,
        email: String = "dr.johnson@hospital.org", dashboard: Bool = true, key: String? = nil
    ) async throws -> (userId: String, path: String) {
        var body = InviteBodies.minimal(product, email: email)
        body["hasDashboardAccess"] = .bool(dashboard)
        let response = try await client.invite(product, body, key: key ?? service.apiKey)
        #expect(response.status == .created)
        let userId = try #require(try response.json()["userId"] as? String)
        let before = Set(try links(service))
        try await service.deliverMail()
        let new = try links(service).filter { !before.contains($0) }
        try #require(new.count == 1)
        let link = new[0]
        return (userId, String(link.dropFirst("https://avara.example.org".count)))
    }

    /// The acceptance links of every delivered email.
    static func links(_ service: TestService) throws -> [String] {
        try service.deliveredMail().map { try ReceivedEmail($0).acceptLink(base: "https://avara.example.org") }
    }

    static func page(_ path: String, _ client: some TestClientProtocol) async throws -> TestResponse {
        try await client.executeRequest(uri: path, method: .get, headers: [:], body: nil)
    }

    static func submit(
        _ path: String, password: String, confirmation: String? = nil, _ client: some TestClientProtocol
    ) async throws -> TestResponse {
        let form = "password=\(formEncode(password))&confirmation=\(formEncode(confirmation ?? password))"
        return try await client.executeRequest(
            uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: form)
        )
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

@Suite("Accepting an invitation")
struct AcceptanceTests {
    static let password = "correct horse battery"

    @Test(
        "the link opens a page naming clinic, product and person, that no cache keeps and no frame shows",
        arguments: Product.allCases)
    func pageNamesTheInvitation(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(product, client, service)
                let page = try await AcceptanceSteps.page(path, client)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(
                    page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
                let html = String(buffer: page.body)
                #expect(html.contains("Acme Imaging"))
                #expect(html.contains("Avara \(product.displayName)"))
                #expect(html.contains("Sarah"))
                #expect(html.contains("<form method=\"post\">"))
                #expect(!html.contains("<script"))
            }
        }
    }

    @Test("a good password accepts the invitation: the password is stored with bcrypt, and the link is used up")
    func acceptance() async throws {
        try await TestService.with(passwordCost: BcryptPasswordHasher.defaultCost) { service in
            try await service.app().test(.router) { client in
                let (userId, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                let accepted = try await AcceptanceSteps.submit(path, password: Self.password, client)
                #expect(accepted.status == .ok)
                #expect(String(buffer: accepted.body).contains("Welcome to Avara Viewer"))
                let hashes = try await service.strings(
                    "SELECT password_hash FROM users WHERE user_id = '\(userId)'", column: "password_hash"
                )
                #expect(hashes.first?.hasPrefix("$2b$12$") == true)
                #expect(hashes.first?.contains(Self.password) == false)
                #expect(
                    try await service.count(
                        "SELECT COUNT(*) AS n FROM invitations WHERE status = 'accepted' AND accepted_at IS NOT NULL")
                        == 1)

                let again = try await AcceptanceSteps.submit(path, password: Self.password, client)
                #expect(again.status == .gone)
                #expect(String(buffer: again.body).contains("already accepted"))
                #expect(try await AcceptanceSteps.page(path, client).status == .gone)
            }
        }
    }

    @Test(
        "a weak or mistyped password shows the form again with the reason",
        arguments: [
            ("short pass", "short pass", "at least 12 characters"), (password, "another password!", "differ"),
            // bcrypt stops at a NUL: this would have been stored as the empty password.
            ("\u{0}aaaaaaaaaaaa", "\u{0}aaaaaaaaaaaa", "must not contain control characters"),
            ("correct horse\u{7}battery", "correct horse\u{7}battery", "must not contain control characters"),
            ("              ", "              ", "must not be blank"),
        ]
    )
    func rejectedPasswords(password: String, confirmation: String, reason: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(.autoScribe, client, service)
                let response = try await AcceptanceSteps.submit(
                    path, password: password, confirmation: confirmation, client)
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains(reason))
                #expect(html.contains("<form method=\"post\">"))
                #expect(try await service.count("SELECT COUNT(*) AS n FROM invitations WHERE status = 'pending'") == 1)
            }
        }
    }

    @Test(
        "the form is read as browsers send it: + for spaces, escapes for & = % +; a body that cannot be read asks again"
    )
    func browserEncodedForm() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                func post(_ path: String, _ body: String) async throws -> TestResponse {
                    try await client.executeRequest(
                        uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: body)
                    )
                }
                let (_, broken) = try await AcceptanceSteps.invite(.viewer, client, service)
                let unreadable = try await post(broken, "password=%ZZ&confirmation=%ZZ")
                #expect(unreadable.status == .unprocessableContent)
                #expect(String(buffer: unreadable.body).contains("<form method=\"post\">"))

                // "a b&c=d%e+f long" as a browser encodes it.
                let encoded = "a+b%26c%3Dd%25e%2Bf+long"
                let accepted = try await post(broken, "password=\(encoded)&confirmation=\(encoded)")
                #expect(accepted.status == .ok)
                let login = try await LoginTests.login("dr.johnson@hospital.org", "a b&c=d%e+f long", .viewer, client)
                #expect(login.status == .ok, "the password stored is the one typed")
            }
        }
    }

    @Test("unknown and superseded links answer 404; expired and revoked ones 410, each with its own page")
    func closedLinks() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let unknown = try await AcceptanceSteps.page(
                    "/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", client)
                #expect(unknown.status == .notFound)
                #expect(String(buffer: unknown.body).contains("Invitation not found"))

                let (userId, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                _ = try await InvitationLifecycleTests.act("resend", .viewer, userId, client, key: service.apiKey)
                try await service.deliverMail()
                #expect(
                    try await AcceptanceSteps.page(path, client).status == .notFound,
                    "the old link of a resent invitation")

                let (revokedId, revokedPath) = try await AcceptanceSteps.invite(
                    .viewer, client, service, email: "r@clinic.org")
                _ = try await InvitationLifecycleTests.act("revoke", .viewer, revokedId, client, key: service.apiKey)
                let revoked = try await AcceptanceSteps.submit(revokedPath, password: Self.password, client)
                #expect(revoked.status == .gone)
                #expect(String(buffer: revoked.body).contains("withdrew"))

                let (_, expiringPath) = try await AcceptanceSteps.invite(
                    .viewer, client, service, email: "e@clinic.org")
                service.clock.advance(by: 7 * 86_400)
                let expired = try await AcceptanceSteps.page(expiringPath, client)
                #expect(expired.status == .gone)
                #expect(String(buffer: expired.body).contains("expired"))
                #expect(try await AcceptanceSteps.submit(expiringPath, password: Self.password, client).status == .gone)
            }
        }
    }

    @Test("names in the page are escaped")
    func pageEscapes() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.minimal(.viewer)
                body["firstName"] = .string("<img src=x onerror=alert(1)>")
                _ = try await client.invite(.viewer, body, key: service.apiKey)
                try await service.deliverMail()
                let link = try ReceivedEmail(try #require(try service.deliveredMail().first)).acceptLink(
                    base: "https://avara.example.org")
                let page = try await AcceptanceSteps.page(
                    String(link.dropFirst("https://avara.example.org".count)), client)
                let html = String(buffer: page.body)
                #expect(!html.contains("<img"))
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            }
        }
    }
}
