import AvaraTestSupport
import Foundation
import Testing

@Suite("avara viewer|autoScribe users invite, list, get, update, delete")
struct UsersCommandTests {
    /// The options of a valid invite of `email` into `product`.
    static func invite(_ product: String, email: String, firstName: String = "Sarah") -> [String] {
        var arguments = [
            product, "users", "invite", "--email", email, "--first-name", firstName, "--last-name", "Johnson",
            "--clinic-role", "Radiologist", "--level", "member", "--can-manage-studies", "--has-dashboard-access",
        ]
        if product == "autoScribe" { arguments += ["--can-create-reports", "--npi-number", "1234567893"] }
        return arguments
    }

    @Test(
        "invite, get, list, update and delete a user, reading the --json output", arguments: ["viewer", "autoScribe"])
    func lifecycle(product: String) async throws {
        try await withClientServer { server in
            let user = try await server.json(
                Self.invite(product, email: "dr.johnson@hospital.org") + ["--middle-name", "Q"])
            let userId = try #require(user["userId"] as? String)
            #expect(userId.wholeMatch(of: /usr_[0-9a-f]{32}/) != nil)
            #expect(user["email"] as? String == "dr.johnson@hospital.org")
            #expect(user["canManageStudies"] as? Bool == true)
            #expect(user["invitationStatus"] as? String == "pending")
            #expect((user["createdAt"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            if product == "autoScribe" { #expect(user["npiNumber"] as? String == "1234567893") }

            #expect(user["invitationEmail"] as? [String: String] == ["status": "queued"])
            var fetched = try await server.json([product, "users", "get", userId])
            // The server's outbox may have sent the email meanwhile.
            let email = try #require(fetched.removeValue(forKey: "invitationEmail") as? [String: String])
            #expect(["queued", "sent"].contains(email["status"]))
            let sorted = { (object: [String: Any]) in
                try JSONSerialization.data(withJSONObject: object, options: .sortedKeys)
            }
            var invited = user
            invited["invitationEmail"] = nil
            #expect(try sorted(fetched) == sorted(invited), "get shows the user as the invite answered it")

            _ = try await server.json(Self.invite(product, email: "nurse@hospital.org", firstName: "Nina"))
            let list = try await server.run([product, "users", "list", "--json"])
            #expect(list.status == 0)
            let users = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            #expect(users.compactMap { $0["email"] as? String } == ["dr.johnson@hospital.org", "nurse@hospital.org"])
            let filtered = try await server.run([product, "users", "list", "--q", "nin", "--json"])
            let found = try #require(
                try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
            #expect(found.compactMap { $0["firstName"] as? String } == ["Nina"])

            let updated = try await server.json([
                product, "users", "update", userId, "--first-name", "Sara", "--clear", "middleName",
            ])
            #expect(updated["firstName"] as? String == "Sara")
            #expect(updated["middleName"] == nil)
            #expect(updated["lastName"] as? String == "Johnson", "fields not given stay as they were")

            if product == "viewer" {
                let deleted = try await server.run([product, "users", "delete", userId])
                #expect(deleted.status == 0)
                #expect(deleted.stdout == "Deleted \(userId).\n")
            } else {
                let deleted = try await server.json([product, "users", "delete", userId])
                #expect(deleted["deleted"] as? Bool == true && deleted["userId"] as? String == userId)
            }
            let again = try await server.run([product, "users", "delete", userId, "--json"])
            #expect(again.status == 1, "a deleted user is not found")
            #expect(again.stdout.isEmpty)
            let gone = try await server.run([product, "users", "get", userId])
            #expect(gone.status == 1)
            #expect(gone.stderr.contains("error: 404"))
        }
    }

    @Test("without --json, users print as readable tables")
    func tables() async throws {
        try await withClientServer { server in
            let invite = try await server.run(
                Self.invite("viewer", email: "dr.johnson@hospital.org") + ["--suffix1", "MD"])
            #expect(invite.status == 0, "stderr: \(invite.stderr)")
            let lines = invite.stdout.split(separator: "\n")
            #expect(lines.first?.wholeMatch(of: /field\s+value/) != nil)
            #expect(lines.contains { $0.wholeMatch(of: /email\s+dr\.johnson@hospital\.org/) != nil })
            #expect(lines.contains { $0.wholeMatch(of: /clinicRole\s+Radiologist/) != nil })
            #expect(lines.contains { $0.wholeMatch(of: /invitationStatus\s+pending/) != nil })
            #expect(lines.contains { $0.wholeMatch(of: /invitationEmail\.status\s+queued/) != nil })

            _ = try await server.run(Self.invite("viewer", email: "nurse@hospital.org", firstName: "Nina"))
            let list = try await server.run(["viewer", "users", "list", "--limit", "5"])
            let rows = list.stdout.split(separator: "\n")
            #expect(
                rows.first?.wholeMatch(
                    of:
                        /userId\s+email\s+name\s+level\s+clinicRole\s+invitationStatus\s+invitationEmail\.status\s+createdAt/
                ) != nil)
            #expect(
                rows[1].contains("dr.johnson@hospital.org") && rows[1].contains("Sarah Johnson, MD")
                    && rows[1].contains("pending"))
            #expect(rows[2].contains("nurse@hospital.org"))
            #expect(rows.last == "2 users")
            let limited = try await server.run(["viewer", "users", "list", "--limit", "1", "--json"])
            #expect((try JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [Any])?.count == 1)
        }
    }

    @Test("the products are separate: an AutoScribe user is not a Viewer user")
    func productsAreSeparate() async throws {
        try await withClientServer { server in
            let user = try await server.json(Self.invite("autoScribe", email: "scribe@hospital.org"))
            let viewer = try await server.run(["viewer", "users", "get", try #require(user["userId"] as? String)])
            #expect(viewer.status == 1)
            let list = try await server.run(["viewer", "users", "list", "--json"])
            #expect(list.stdout == "[]\n")
        }
    }

    @Test("a 422 prints every field error on stderr and exits 1")
    func fieldErrors() async throws {
        try await withClientServer { server in
            let result = try await server.run([
                "autoScribe", "users", "invite", "--email", "not-an-email", "--first-name", "A", "--last-name", "B",
                "--clinic-role", "PACS Administrator", "--level", "member", "--can-manage-studies",
                "--has-dashboard-access", "--can-create-reports",
            ])
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("error: 422"))
            #expect(result.stderr.contains("  email: "))
            #expect(result.stderr.contains("  clinicRole: "))
            #expect(result.stderr.contains("  npiNumber: "))
            #expect(result.stderr.contains("(request "))
        }
    }

    @Test("an email already invited exits 1 with the 409")
    func duplicate() async throws {
        try await withClientServer { server in
            _ = try await server.json(Self.invite("viewer", email: "dr.johnson@hospital.org"))
            let again = try await server.run(Self.invite("viewer", email: "DR.JOHNSON@hospital.org"))
            #expect(again.status == 1)
            #expect(again.stderr.contains("error: 409"))
        }
    }

    @Test("missing options are usage errors (64) naming the options, before any call")
    func usage() async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["autoScribe", "users", "invite", "--email", "a@x.org", "--can-manage-studies", "--level", "admin"],
                in: folder
            )
            #expect(result.status == 64)
            for option in [
                "--can-create-reports", "--clinic-role", "--first-name", "--has-dashboard-access", "--last-name",
            ] {
                #expect(result.stderr.contains("  \(option): is required"))
            }
            let update = try await AvaraProcess.run(["viewer", "users", "update", "usr_x"], in: folder)
            #expect(update.status == 64)
            #expect(update.stderr.contains("nothing to change"))
            let clear = try await AvaraProcess.run(
                ["viewer", "users", "update", "usr_x", "--clear", "npiNumber"], in: folder)
            #expect(clear.status == 64)
            #expect(clear.stderr.contains("--npi-number: cannot be cleared"))
        }
    }

    @Test("no AVARA_API_KEY is a clear message and exit 78; a wrong key is the API's 401 and exit 1")
    func missingKey() async throws {
        try await withClientServer { server in
            let missing = try await AvaraProcess.run(["viewer", "users", "list"], in: server.folder)
            #expect(missing.status == 78)
            #expect(missing.stderr == "error: set AVARA_API_KEY to your clinic's API key\n")
            let wrong = try await server.run(
                ["viewer", "users", "list", "--json"], environment: ["AVARA_API_KEY": "avk_wrong"])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("error: 401"))
            #expect(wrong.stdout.isEmpty, "no half-written JSON on a failure")
        }
    }

    @Test("nothing listening at AVARA_BASE_URL is a connection error naming the host, and exit 1")
    func connectionRefused() async throws {
        let port = try await SilentTCPServer.closedPort()
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["viewer", "users", "list"], in: folder,
                environment: [
                    "AVARA_API_KEY": "avk_0123456789abcdef_secret", "AVARA_BASE_URL": "http://127.0.0.1:\(port)",
                ]
            )
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("error: could not reach 127.0.0.1"), "stderr: \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
