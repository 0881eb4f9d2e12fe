import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("avara serve")
struct ServeCommandTests {
    /// What the first start prints: the port it listens on, the key and the seed request.
    struct Banner {
        var port: Int
        var apiKey: String
        var seedBody: String
    }

    /// Waits for the listening line and the seed banner of a first start.
    static func banner(of server: AvaraProcess) async throws -> Banner {
        let listening = try await server.waitForOutput(matching: /avara listening on http:\/\/127\.0\.0\.1:(\d+)/)
        let key = try await server.waitForOutput(matching: /Bearer (avk_[0-9a-f]{16}_[A-Za-z0-9_-]{43})/)
        let body = try await server.waitForOutput(matching: /-d '(\{[^']+\})'/)
        return Banner(port: try #require(Int(listening.1)), apiKey: String(key.1), seedBody: String(body.1))
    }

    /// `POST path` with a JSON body to a server on loopback.
    static func post(_ path: String, port: Int, key: String, body: String) async throws -> TestClient.Response {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.post(
                path, headers: [.authorization: "Bearer \(key)", .contentType: "application/json"],
                body: ByteBuffer(string: body)
            )
        }
    }

    /// Waits until `folder` holds `count` `.eml` files.
    static func waitForMail(in folder: URL, count: Int) async throws -> [URL] {
        for _ in 0..<600 {
            let files =
                ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.pathExtension == "eml" }
            if files.count >= count { return files }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no mail arrived in \(folder.path)")
        return []
    }

    @Test(
        "a first start creates the Default Clinic, prints its key and a seed request that works; SIGTERM stops it cleanly"
    )
    func firstStartSeedsAndServes() async throws {
        try await withTemporaryFolder { folder in
            let server = try AvaraProcess(["serve", "--port", "0"], in: folder)
            let banner = try await Self.banner(of: server)
            #expect(server.stdout.contains("Created clinic \"Default Clinic\""))
            #expect(server.stdout.contains("curl -i http://127.0.0.1:\(banner.port)/v1/viewer/users"))

            let response = try await Self.post(
                "/v1/viewer/users", port: banner.port, key: banner.apiKey, body: banner.seedBody)
            #expect(response.status == .created)
            let mail = try await Self.waitForMail(in: folder.appendingPathComponent("outbox"), count: 1)
            #expect(mail.count == 1)
            let message = try String(contentsOf: try #require(mail.first), encoding: .utf8)
            #expect(
                message.contains("http://127.0.0.1:\(banner.port)/invitations/"),
                "links follow the port picked for --port 0")

            server.signal(SIGTERM)
            #expect(try await server.waitForExit() == 0, "stderr: \(server.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("avara.sqlite").path))
            #expect(!server.stderr.contains("dr.johnson@hospital.org"), "emails must not be logged at info level")

            // A restart keeps the clinic and its key, and prints no new key.
            let again = try AvaraProcess(["serve", "--port", "0"], in: folder)
            let listening = try await again.waitForOutput(matching: /avara listening on http:\/\/127\.0\.0\.1:(\d+)/)
            let port = try #require(Int(listening.1))
            #expect(!again.stdout.contains("Created clinic"))
            let duplicate = try await Self.post(
                "/v1/viewer/users", port: port, key: banner.apiKey, body: banner.seedBody)
            #expect(duplicate.status == .conflict)
            again.signal(SIGINT)
            #expect(try await again.waitForExit() == 0)
        }
    }

    @Test("a second serve on the same SQLite file is refused at start, so that mail is never delivered twice")
    func secondServeOnOneSQLiteFileIsRefused() async throws {
        try await withTemporaryFolder { folder in
            let server = try AvaraProcess(["serve", "--port", "0"], in: folder)
            _ = try await Self.banner(of: server)
            let second = try await AvaraProcess.run(["serve", "--port", "0"], in: folder)
            #expect(second.status != 0)
            #expect(
                second.stderr.contains("another avara serve is running on avara.sqlite"), "stderr: \(second.stderr)")
            server.signal(SIGTERM)
            #expect(try await server.waitForExit() == 0)
            // Once the first has stopped, a server starts again.
            let again = try AvaraProcess(["serve", "--port", "0"], in: folder)
            _ = try await again.waitForOutput(matching: /avara listening on/)
            again.signal(SIGTERM)
            #expect(try await again.waitForExit() == 0)
        }
    }

    @Test(
        "every setting is read from the environment: AVARA_PORT, AVARA_DATABASE_URL, AVARA_OUTBOX_DIR, AVARA_PUBLIC_URL"
    )
    func settingsFromEnvironment() async throws {
        try await withTemporaryFolder { folder in
            let server = try AvaraProcess(
                ["serve"], in: folder,
                environment: [
                    "AVARA_PORT": "0", "AVARA_DATABASE_URL": "data/env.sqlite", "AVARA_OUTBOX_DIR": "mail",
                    "AVARA_PUBLIC_URL": "https://invites.clinic.example",
                ]
            )
            let banner = try await Self.banner(of: server)
            let response = try await Self.post(
                "/v1/viewer/users", port: banner.port, key: banner.apiKey, body: banner.seedBody)
            #expect(response.status == .created)
            let mail = try await Self.waitForMail(in: folder.appendingPathComponent("mail"), count: 1)
            let message = try String(contentsOf: try #require(mail.first), encoding: .utf8)
            #expect(message.contains("https://invites.clinic.example/invitations/"))
            server.signal(SIGTERM)
            #expect(try await server.waitForExit() == 0)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/env.sqlite").path))
        }
    }

    @Test("options override the environment")
    func optionsOverrideEnvironment() async throws {
        try await withTemporaryFolder { folder in
            let server = try AvaraProcess(
                ["serve", "--port", "0", "--database", "option.sqlite", "--outbox", "option-mail"], in: folder,
                environment: ["AVARA_PORT": "1", "AVARA_DATABASE_URL": "env.sqlite", "AVARA_OUTBOX_DIR": "env-mail"]
            )
            let banner = try await Self.banner(of: server)
            _ = try await Self.post("/v1/viewer/users", port: banner.port, key: banner.apiKey, body: banner.seedBody)
            #expect(try await Self.waitForMail(in: folder.appendingPathComponent("option-mail"), count: 1).count == 1)
            server.signal(SIGTERM)
            #expect(try await server.waitForExit() == 0)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("option.sqlite").path))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("env.sqlite").path))
        }
    }

    @Test(
        "a PostgreSQL URL it cannot use is refused with a clear message, from the option or the environment",
        arguments: [["--database", "postgres://u:secret@db/avara?sslmode=verify-ca"], []]
    )
    func badPostgresURLIsRefused(arguments: [String]) async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["serve", "--port", "0"] + arguments, in: folder,
                environment: ["AVARA_DATABASE_URL": "postgresql://u:secret@localhost/avara?sslmode=verify-ca"]
            )
            #expect(result.status != 0)
            #expect(
                result.stderr.contains("sslmode must be disable, prefer, require or verify-full"), "\(result.stderr)")
            #expect(!result.stderr.contains("secret"))
        }
    }

    @Test("an invalid port is refused", arguments: ["70000", "-1"])
    func invalidPortIsRefused(port: String) async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(["serve", "--port", port], in: folder)
            #expect(result.status != 0)
            #expect(result.stderr.contains("port"))
        }
    }
}
