import Avara
import AvaraCore
import AvaraMail
import AvaraService
import AvaraStorage
import AvaraTestSupport
import Foundation
import SQLKit
import Testing

@Suite("From invite to first login")
struct EndToEndTests {
    static let smtpPort = ProcessInfo.processInfo.environment["AVARA_TEST_SMTP_PORT"]
    static let mailFolder = ProcessInfo.processInfo.environment["AVARA_TEST_SMTP_MAIL_DIR"]

    @Test(
        "invite through the SDK, receive the email over SMTP, open the link, set a password, log in",
        .enabled(
            if: smtpPort != nil && mailFolder != nil,
            "SMTP test server not configured: run scripts/test, which starts it")
    )
    func inviteToLogin() async throws {
        let port = try #require(Self.smtpPort)
        let recipient = "e2e-\(UUID().uuidString.prefix(8).lowercased())@hospital.org"
        try await LiveService.run(configure: { configuration in
            configuration.smtpURL = try SMTPServerURL("smtp://127.0.0.1:\(port)")
            configuration.mailFrom = MailAddress(name: "Acme Imaging", address: "invites@acme.example")
        }) { service in
            // The SDK invites; the background outbox sends the email through the real SMTP server.
            let user = try await service.client().viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: recipient, firstName: "Sarah",
                hasDashboardAccess: true, lastName: "Johnson", level: .member
            )
            #expect(user.lastLoginAt == nil)
            let message = try await Self.waitForMessage(to: recipient)
            let link = try #require(Self.acceptLink(in: message))
            #expect(
                link.contains(":\(try #require(service.baseURL.port))/invitations/"), "the link names the bound port")

            // The invited person opens the link and sets a password.
            let (page, pageStatus) = try await Self.http("GET", link)
            #expect(pageStatus == 200)
            #expect(page.contains("Join Avara Viewer"))
            let password = "correct horse battery"
            let (accepted, acceptedStatus) = try await Self.http(
                "POST", link, body: "password=correct+horse+battery&confirmation=correct+horse+battery",
                contentType: "application/x-www-form-urlencoded"
            )
            #expect(acceptedStatus == 200)
            #expect(accepted.contains("Welcome to Avara Viewer"))

            // ... and logs in to the dashboard.
            let (session, loginStatus) = try await Self.http(
                "POST", service.baseURL.absoluteString + "/v1/auth/login",
                body: #"{"email":"\#(recipient)","password":"\#(password)","product":"viewer"}"#,
                contentType: "application/json"
            )
            #expect(loginStatus == 200)
            #expect(session.contains("\"sessionToken\":\"avs_"))
            let loggedIn = try await service.count(
                "SELECT COUNT(*) AS n FROM users WHERE user_id = '\(user.userId)' AND last_login_at IS NOT NULL"
            )
            #expect(loggedIn == 1)
        }
    }

    /// The message the SMTP test server received for `recipient`.
    static func waitForMessage(to recipient: String) async throws -> String {
        let folder = URL(fileURLWithPath: try #require(mailFolder)).appendingPathComponent("plain")
        guard let message = try await SMTPMailFolder.waitForMessages(1, for: recipient, in: folder).first else {
            Issue.record("no message for \(recipient)")
            throw CancellationError()
        }
        return message.content
    }

    /// The acceptance link in a quoted-printable message: soft line breaks removed, then the first link.
    static func acceptLink(in message: String) -> String? {
        let unfolded = message.replacingOccurrences(of: "=\r\n", with: "")
        return unfolded.firstMatch(of: /https?:\/\/[^\s"<>]+\/invitations\/[A-Za-z0-9_-]+/).map { String($0.output) }
    }

    static func http(
        _ method: String, _ url: String, body: String? = nil, contentType: String? = nil
    ) async throws -> (String, Int) {
        let request = HTTPRequestData(
            method: method, url: try #require(URL(string: url)),
            headers: contentType.map { ["Content-Type": $0] } ?? [:], body: body.map { Data($0.utf8) },
            timeout: .seconds(60)
        )
        let response = try await NIOHTTPTransport().send(request)
        return (String(decoding: response.body, as: UTF8.self), response.status)
    }
}
