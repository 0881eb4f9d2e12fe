import AvaraCore
import AvaraMail
import AvaraService
import AvaraStorage
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Testing

/// Two `avara serve` processes on two ports sharing one PostgreSQL database: what a deployment behind a load
/// balancer is.
@Suite(
    "avara serve: two replicas, one PostgreSQL database",
    .enabled(
        if: ProcessInfo.processInfo.environment["AVARA_TEST_POSTGRES_URL"] != nil
            || ProcessInfo.processInfo.environment["AVARA_TEST_REQUIRE_POSTGRES"] == "1",
        "AVARA_TEST_POSTGRES_URL unset: run scripts/test, which starts PostgreSQL"
    )
)
struct ServeScaleOutTests {
    /// A URL of a new schema on the test server.
    static func freshDatabase() throws -> (url: String, schema: String) {
        let base = try #require(ProcessInfo.processInfo.environment["AVARA_TEST_POSTGRES_URL"])
        let schema = "scale_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return (base + (base.contains("?") ? "&" : "?") + "schema=\(schema)", schema)
    }

    /// `POST path` with a JSON body and extra headers.
    static func post(
        _ path: String, port: Int, key: String, body: String, headers: HTTPFields = [:]
    ) async throws -> TestClient.Response {
        var fields: HTTPFields = [.authorization: "Bearer \(key)", .contentType: "application/json"]
        fields.append(contentsOf: headers)
        let request = fields
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.post(path, headers: request, body: ByteBuffer(string: body))
        }
    }

    /// An invite's body for `email`.
    static func body(_ email: String) -> String {
        #"{"canManageStudies": true, "clinicRole": "Radiologist", "email": "\#(email)", "firstName": "Sarah", "hasDashboardAccess": true, "lastName": "Johnson", "level": "member"}"#
    }

    /// The `.eml` files of every folder, by folder.
    static func mail(in folders: [URL]) -> [[String]] {
        folders.map { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }
        }
    }

    @Test("concurrent invites of the same and of different emails through both: one user per email, one email per user")
    func twoReplicas() async throws {
        let database = try Self.freshDatabase()
        try await withTemporaryFolder { folder in
            let outboxes = [folder.appendingPathComponent("outbox-a"), folder.appendingPathComponent("outbox-b")]
            // Both start at once on the empty database: they migrate it once and create one Default Clinic.
            let replicas = try outboxes.map { outbox in
                try AvaraProcess(
                    ["serve", "--port", "0", "--database", database.url, "--outbox", outbox.path], in: folder,
                    environment: ["LOG_LEVEL": "warning"]
                )
            }
            var listeningPorts: [Int] = []
            for replica in replicas {
                let listening = try await replica.waitForOutput(
                    matching: /avara listening on http:\/\/127\.0\.0\.1:(\d+)/)
                listeningPorts.append(try #require(Int(listening.1)))
            }
            let ports = listeningPorts
            let seeding = replicas.filter { $0.stdout.contains("Created clinic") }
            try #require(seeding.count == 1, "exactly one replica creates the Default Clinic")
            let key = String(
                try await seeding[0].waitForOutput(matching: /Bearer (avk_[0-9a-f]{16}_[A-Za-z0-9_-]{43})/).1)

            // 30 emails, each invited through both replicas at once (the second time in upper case), plus one keyed
            // invite sent with one Idempotency-Key to both.
            let emails = (0..<30).map { "scale\($0)@hospital.org" }
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                for email in emails {
                    for (index, port) in ports.enumerated() {
                        group.addTask {
                            let sent = index == 0 ? email : email.uppercased()
                            let response = try await Self.post(
                                "/v1/viewer/users", port: port, key: key, body: Self.body(sent))
                            return (email, response.status)
                        }
                    }
                }
                return try await group.reduce(into: [String: [HTTPResponse.Status]]()) {
                    $0[$1.0, default: []].append($1.1)
                }
            }
            for email in emails {
                #expect(
                    statuses[email]?.sorted { $0.code < $1.code } == [.created, .conflict],
                    "\(email): one 201 and one 409")
            }
            let keyed = try await withThrowingTaskGroup(of: TestClient.Response.self) { group in
                for port in ports {
                    group.addTask {
                        try await Self.post(
                            "/v1/viewer/users", port: port, key: key, body: Self.body("keyed@hospital.org"),
                            headers: [HTTPField.Name("Idempotency-Key")!: "scale-out-key"]
                        )
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(keyed.map(\.status) == [.created, .created], "the second answer replays the first")
            #expect(Set(keyed.map { $0.body.map { String(buffer: $0) } }).count == 1, "both answers are the same user")

            // The outbox: every user's email is delivered exactly once, by one replica or the other.
            let expected = emails.count + 1
            var delivered = Self.mail(in: outboxes)
            for _ in 0..<600 where delivered.joined().count < expected {
                try await Task.sleep(for: .milliseconds(50))
                delivered = Self.mail(in: outboxes)
            }
            // Several more polling rounds of both replicas: nothing else may be sent.
            try await Task.sleep(for: .seconds(2))
            delivered = Self.mail(in: outboxes)
            let all = delivered.joined()
            #expect(all.count == expected, "one message per user across both outboxes")
            #expect(Set(all).count == all.count, "no message delivered by both replicas")

            for replica in replicas { replica.signal(SIGTERM) }
            for replica in replicas { #expect(try await replica.waitForExit() == 0) }

            let store = try await PostgresDatabaseStore.open(
                url: try PostgresURL(database.url), logger: Logger(label: "test"))
            let counts = try await store.read { db in
                try await db.raw(
                    """
                    SELECT (SELECT COUNT(*) FROM users) AS users,
                        (SELECT COUNT(DISTINCT (clinic_id, product, email_key)) FROM users) AS distinct_users,
                        (SELECT COUNT(*) FROM clinics) AS clinics,
                        (SELECT COUNT(*) FROM outbox WHERE status = 'sent') AS sent,
                        (SELECT COUNT(*) FROM outbox) AS messages
                    """
                ).first()
            }
            let row = try #require(counts)
            #expect(try row.decode(column: "users", as: Int.self) == expected)
            #expect(try row.decode(column: "distinct_users", as: Int.self) == expected)
            #expect(try row.decode(column: "clinics", as: Int.self) == 1)
            #expect(try row.decode(column: "sent", as: Int.self) == expected)
            #expect(try row.decode(column: "messages", as: Int.self) == expected)
            try await store.close()
            try await Self.drop(database.url)
        }
    }

    @Test(
        "kill -9 of the replica delivering a message: another replica delivers it once the claim expires, same Message-ID",
        .smtpTestServer
    )
    func killedReplicasMailIsTakenOver() async throws {
        let (smtpPort, mailFolder) = try PlainSMTPServer.current()
        // The test server keeps a "slow…" recipient's delivery waiting 5 s for its final 250.
        let recipient = "slow-\(UUID().uuidString.prefix(8).lowercased())@hospital.org"
        let database = try Self.freshDatabase()
        let arguments = [
            "serve", "--port", "0", "--database", database.url, "--smtp-url", "smtp://127.0.0.1:\(smtpPort)",
            "--mail-from", "invites@acme.example",
        ]
        // Claims last 10 s here instead of 5 minutes.
        let claim = ["AVARA_OUTBOX_CLAIM": "10s"]
        try await withTemporaryFolder { folder in
            let first = try AvaraProcess(arguments, in: folder, environment: claim)
            let banner = try await ServeCommandTests.banner(of: first)
            let body = banner.seedBody.replacingOccurrences(of: "dr.johnson@hospital.org", with: recipient)
            let response = try await ServeCommandTests.post(
                "/v1/viewer/users", port: banner.port, key: banner.apiKey, body: body)
            #expect(response.status == .created)
            // The SMTP server has the message but has not confirmed it: the replica dies holding its claim.
            _ = try await ServeMailOptionsTests.waitForMessage(to: recipient, in: mailFolder)
            first.signal(SIGKILL)
            _ = try await first.waitForExit()

            // Another replica of the shared database takes the message over once the claim has expired.
            let second = try AvaraProcess(arguments, in: folder, environment: claim)
            let copies = try await ServeCrashRecoveryTests.waitForCopies(2, of: recipient, in: mailFolder)
            #expect(copies.count == 2, "delivered at least once: again by the other replica")
            let ids = copies.map { $0.firstMatch(of: /Message-ID: (<[^>]+>)/).map { String($0.1) } }
            #expect(ids.first != nil && ids.first == ids.last, "with the same Message-ID")
            second.signal(SIGTERM)
            _ = try await second.waitForExit(seconds: 30)
        }
        try await Self.drop(database.url)
    }

    /// Drops the schema of `url`.
    static func drop(_ url: String) async throws {
        let parsed = try PostgresURL(url)
        let store = try await PostgresDatabaseStore.open(url: parsed, logger: Logger(label: "test"))
        try await store.transaction { db in try await db.raw("DROP SCHEMA \(ident: parsed.schema ?? "") CASCADE").run()
        }
        try await store.close()
    }
}
