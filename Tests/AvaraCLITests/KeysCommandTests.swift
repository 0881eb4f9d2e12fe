import Foundation
import Testing

@Suite("avara keys (the database) and avara api-keys (the API)")
struct KeysCommandTests {
    static func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("keys create, list and revoke a clinic's keys in the database; the secret is printed once")
    func databaseCommands() async throws {
        try await withTemporaryFolder { folder in
            let clinic = try await AvaraProcess.run(["clinics", "create", "--name", "Acme", "--json"], in: folder)
            let clinicId = try #require(
                (try JSONSerialization.jsonObject(with: Data(clinic.stdout.utf8)) as? [String: String])?["clinicId"]
            )
            let created = try await AvaraProcess.run(
                ["keys", "create", "--clinic", clinicId, "--name", "2027 rotation", "--json"], in: folder
            )
            #expect(created.status == 0, "stderr: \(created.stderr)")
            let key = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
            let keyId = try #require(key["keyId"] as? String)
            #expect((key["key"] as? String)?.hasPrefix("avk_\(keyId)_") == true)

            let list = try await AvaraProcess.run(["keys", "list", "--clinic", clinicId, "--json"], in: folder)
            let keys = try Self.jsonArray(list.stdout)
            #expect(keys.map { $0["name"] as? String } == ["first key", "2027 rotation"])
            #expect(keys.allSatisfy { $0["key"] == nil })
            let table = try await AvaraProcess.run(["keys", "list", "--clinic", clinicId], in: folder)
            #expect(
                table.stdout.split(separator: "\n").first?.wholeMatch(
                    of: /keyId\s+name\s+prefix\s+createdAt\s+lastUsedAt\s+revokedAt\s+createdByKeyId/) != nil)
            #expect(
                keys.allSatisfy { $0["createdByKeyId"] == nil },
                "keys of the CLI and the clinic's first have no creator")

            let revoked = try await AvaraProcess.run(
                ["keys", "revoke", "--clinic", clinicId, keyId, "--json"], in: folder)
            #expect(revoked.status == 0)
            #expect(try Self.jsonArray(revoked.stdout).first?["revokedAt"] is String)

            let unknown = try await AvaraProcess.run(["keys", "list", "--clinic", "cln_nope"], in: folder)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("no clinic cln_nope"))
        }
    }

    @Test("api-keys create, list and revoke through the API; the new key works at once")
    func clientCommands() async throws {
        try await withClientServer { server in
            let created = try await server.json(["api-keys", "create", "--name", "ci"])
            let secret = try #require(created["key"] as? String)
            let keyId = try #require(created["keyId"] as? String)
            let withNewKey = try await server.run(
                ["viewer", "users", "list", "--json"], environment: ["AVARA_API_KEY": secret])
            #expect(withNewKey.status == 0, "stderr: \(withNewKey.stderr)")

            let list = try await server.run(["api-keys", "list", "--json"])
            let listed = try Self.jsonArray(list.stdout)
            #expect(listed.map { $0["name"] as? String } == ["first key", "ci"])
            let firstKeyId = try #require(listed.first?["keyId"] as? String)
            #expect(created["createdByKeyId"] as? String == firstKeyId, "made with the server's first key")
            #expect(listed.last?["createdByKeyId"] as? String == firstKeyId)
            let revoked = try await server.run(["api-keys", "revoke", keyId, "--json"])
            #expect(revoked.status == 0, "stderr: \(revoked.stderr)")
            #expect(try Self.jsonArray(revoked.stdout).first?["revokedAt"] is String)
            let missing = try await server.run(["api-keys", "revoke", "0123456789abcdef"])
            #expect(missing.status == 1)
        }
    }
}
