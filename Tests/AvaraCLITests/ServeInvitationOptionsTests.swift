import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing

@Suite("avara serve: invitation options")
struct ServeInvitationOptionsTests {
    @Test("--invite-ttl sets how long links work; --templates replaces the email's wording")
    func ttlAndTemplates() async throws {
        try await withTemporaryFolder { folder in
            let templates = folder.appendingPathComponent("templates/viewer")
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            try "{{% CONTENT_TYPE: TEXT}}{{clinicName}} would like you on Viewer"
                .write(to: templates.appendingPathComponent("subject.mustache"), atomically: true, encoding: .utf8)
            let server = try AvaraProcess(
                ["serve", "--port", "0", "--invite-ttl", "36h", "--templates", "templates"], in: folder
            )
            let banner = try await ServeCommandTests.banner(of: server)
            let response = try await ServeCommandTests.post(
                "/v1/viewer/users", port: banner.port, key: banner.apiKey, body: banner.seedBody
            )
            #expect(response.status == .created)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body ?? ByteBuffer())) as? [String: Any]
            )
            let created = try Date(
                #require(json["createdAt"] as? String),
                strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            let expires = try Date(
                #require(json["invitationExpiresAt"] as? String),
                strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            #expect(expires.timeIntervalSince(created) == 36 * 3600)

            let mail = try await ServeCommandTests.waitForMail(in: folder.appendingPathComponent("outbox"), count: 1)
            let message = try String(contentsOf: try #require(mail.first), encoding: .utf8)
            #expect(message.contains("Subject: Default Clinic would like you on Viewer"))
            server.signal(SIGTERM)
            #expect(try await server.waitForExit() == 0)
        }
    }

    @Test(
        "a bad --invite-ttl or --templates folder is refused with a message",
        arguments: [
            ["--invite-ttl", "forever"], ["--invite-ttl", "0d"], ["--templates", "no-such-folder"],
        ])
    func badOptions(arguments: [String]) async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(["serve", "--port", "0"] + arguments, in: folder)
            #expect(result.status != 0)
            #expect(result.stderr.contains(arguments[0] == "--invite-ttl" ? "invite TTL" : "no-such-folder"))
        }
    }
}
