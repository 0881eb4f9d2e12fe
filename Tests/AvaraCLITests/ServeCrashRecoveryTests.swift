import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("avara serve: no invitation lost")
struct ServeCrashRecoveryTests {
    @Test(
        "mail that could not go out is delivered after kill -9 and a restart with a working SMTP server",
        .smtpTestServer
    )
    func killedServerDeliversAfterRestart() async throws {
        let (port, mailFolder) = try PlainSMTPServer.current()
        let recipient = "crash-\(UUID().uuidString.prefix(8).lowercased())@hospital.org"
        let downPort = try await SilentTCPServer.closedPort()
        try await withTemporaryFolder { folder in
            // First life: the SMTP server is unreachable (a port nobody listens on), so the email stays queued.
            let first = try AvaraProcess(
                [
                    "serve", "--port", "0", "--smtp-url", "smtp://127.0.0.1:\(downPort)", "--mail-from",
                    "invites@acme.example",
                ],
                in: folder
            )
            let banner = try await ServeCommandTests.banner(of: first)
            let body = banner.seedBody.replacingOccurrences(of: "dr.johnson@hospital.org", with: recipient)
            let response = try await ServeCommandTests.post(
                "/v1/viewer/users", port: banner.port, key: banner.apiKey, body: body)
            #expect(response.status == .created)
            try await first.waitForError(containing: "mail delivery deferred")
            first.signal(SIGKILL)
            _ = try await first.waitForExit()

            // Second life: the server is back; the restart delivers what was queued, without waiting out the backoff.
            let second = try AvaraProcess(
                [
                    "serve", "--port", "0", "--smtp-url", "smtp://127.0.0.1:\(port)", "--mail-from",
                    "invites@acme.example",
                ],
                in: folder
            )
            let message = try await ServeMailOptionsTests.waitForMessage(to: recipient, in: mailFolder)
            #expect(message.contains("/invitations/"))
            second.signal(SIGTERM)
            #expect(try await second.waitForExit() == 0)
        }
    }
}

extension ServeCrashRecoveryTests {
    @Test(
        "kill -9 while the SMTP server holds a delivery: after the restart it is delivered again, same Message-ID",
        .smtpTestServer
    )
    func killedDuringDelivery() async throws {
        let (port, mailFolder) = try PlainSMTPServer.current()
        // The test server keeps a "slow…" recipient's delivery waiting 5 s for its final 250.
        let recipient = "slow-\(UUID().uuidString.prefix(8).lowercased())@hospital.org"
        let arguments = [
            "serve", "--port", "0", "--smtp-url", "smtp://127.0.0.1:\(port)", "--mail-from", "invites@acme.example",
        ]
        try await withTemporaryFolder { folder in
            let first = try AvaraProcess(arguments, in: folder)
            let banner = try await ServeCommandTests.banner(of: first)
            let body = banner.seedBody.replacingOccurrences(of: "dr.johnson@hospital.org", with: recipient)
            let response = try await ServeCommandTests.post(
                "/v1/viewer/users", port: banner.port, key: banner.apiKey, body: body)
            #expect(response.status == .created)
            // The server has the message but has not confirmed it: kill the service now.
            let firstCopy = try await ServeMailOptionsTests.waitForMessage(to: recipient, in: mailFolder)
            first.signal(SIGKILL)
            _ = try await first.waitForExit()

            let second = try AvaraProcess(arguments, in: folder)
            let copies = try await Self.waitForCopies(2, of: recipient, in: mailFolder)
            #expect(copies.count == 2, "delivered at least once: again after the restart")
            let ids = copies.map { $0.firstMatch(of: /Message-ID: (<[^>]+>)/).map { String($0.1) } }
            #expect(
                ids[0] != nil && ids[0] == ids[1], "with the same Message-ID, so the receiver can drop the duplicate")
            #expect(firstCopy.contains("/invitations/"))
            second.signal(SIGTERM)
            _ = try await second.waitForExit(seconds: 30)
        }
    }

    /// The messages the test server received for `recipient`, once there are `count` of them.
    static func waitForCopies(_ count: Int, of recipient: String, in folder: URL) async throws -> [String] {
        let found = try await SMTPMailFolder.waitForMessages(count, for: recipient, in: folder)
        guard found.count >= count else {
            Issue.record("fewer than \(count) messages for \(recipient)")
            return []
        }
        return found.map(\.content)
    }
}
