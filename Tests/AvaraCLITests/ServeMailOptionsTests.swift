import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("avara serve --smtp-url and --mail-from")
struct ServeMailOptionsTests {
    @Test(
        "an unusable --smtp-url or AVARA_SMTP_URL is refused at start with a clear message",
        arguments: [
            (["--smtp-url", "ftp://mail.example"], [:], "unsupported scheme \"ftp\""),
            (["--smtp-url", "smtp://mail.example:99999"], [:], "the port must be a number from 1 to 65535"),
            (["--smtp-url", "smtp://:25"], [:], "has no host"),
            ([], ["AVARA_SMTP_URL": "imap://u:p@mail.example"], "unsupported scheme \"imap\""),
        ] as [([String], [String: String], String)]
    )
    func badSMTPURL(arguments: [String], environment: [String: String], message: String) async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["serve", "--port", "0"] + arguments, in: folder, environment: environment)
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("avara.sqlite").path))
        }
    }

    @Test("a --mail-from that is not an address is refused at start", arguments: ["not an address", "Acme <invites@>"])
    func badMailFrom(mailFrom: String) async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(["serve", "--port", "0", "--mail-from", mailFrom], in: folder)
            #expect(result.status != 0)
            #expect(result.stderr.contains("--mail-from/AVARA_MAIL_FROM"), "\(result.stderr)")
        }
    }

    @Test(
        "with --smtp-url the invitation goes to the SMTP server, from --mail-from, and no .eml file is written",
        .smtpTestServer
    )
    func deliversBySMTP() async throws {
        let (port, mailFolder) = try PlainSMTPServer.current()
        let recipient = "cli-\(UUID().uuidString.prefix(8).lowercased())@hospital.org"
        try await withTemporaryFolder { folder in
            let server = try AvaraProcess(
                [
                    "serve", "--port", "0", "--smtp-url", "smtp://127.0.0.1:\(port)", "--mail-from",
                    "Acme Imaging <invites@acme.example>",
                ],
                in: folder
            )
            let banner = try await ServeCommandTests.banner(of: server)
            let body = banner.seedBody.replacingOccurrences(of: "dr.johnson@hospital.org", with: recipient)
            let response = try await ServeCommandTests.post(
                "/v1/viewer/users", port: banner.port, key: banner.apiKey, body: body)
            #expect(response.status == .created)

            let message = try await Self.waitForMessage(to: recipient, in: mailFolder)
            #expect(message.contains("From: \"Acme Imaging\" <invites@acme.example>"), "\(message)")
            #expect(message.contains("/invitations/"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("outbox").path))
            server.signal(SIGTERM)
            #expect(try await server.waitForExit() == 0)
            #expect(server.stderr.contains("mail is delivered by SMTP"))
            #expect(!server.stderr.contains(recipient), "recipients are not logged at info level")
        }
    }

    /// Waits for the SMTP test server to have written a message for `recipient` into `folder`.
    static func waitForMessage(to recipient: String, in folder: URL) async throws -> String {
        try #require(try await ServeCrashRecoveryTests.waitForCopies(1, of: recipient, in: folder).first)
    }
}
