import Foundation
import Testing

@Suite("avara clinics create")
struct ClinicsCreateCommandTests {
    @Test("--json prints exactly one JSON object with clinicId, name and apiKey")
    func jsonOutputIsOneObject() async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["clinics", "create", "--name", "Acme Imaging", "--database", "clinics.sqlite", "--json"], in: folder
            )
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 1)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String]
            )
            #expect(Set(object.keys) == ["clinicId", "name", "apiKey"])
            #expect(object["name"] == "Acme Imaging")
            #expect(object["clinicId"]?.wholeMatch(of: /cln_[0-9a-f]{32}/) != nil)
            #expect(object["apiKey"]?.wholeMatch(of: /avk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/) != nil)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("clinics.sqlite").path))
        }
    }

    @Test("without --json it prints the key readably; each clinic gets its own key")
    func textOutputShowsTheKey() async throws {
        try await withTemporaryFolder { folder in
            let first = try await AvaraProcess.run(["clinics", "create", "--name", "Acme Imaging"], in: folder)
            let second = try await AvaraProcess.run(["clinics", "create", "--name", "Northside"], in: folder)
            #expect(first.status == 0 && second.status == 0)
            let firstKey = try #require(first.stdout.firstMatch(of: /avk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/))
            let secondKey = try #require(second.stdout.firstMatch(of: /avk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/))
            #expect(firstKey.output != secondKey.output)
            #expect(first.stdout.contains("Acme Imaging"))
            // The default database is avara.sqlite in the working directory.
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("avara.sqlite").path))
        }
    }

    @Test("a templates folder meant for serve does not stop it, even when it is missing")
    func ignoresTemplates() async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["clinics", "create", "--name", "Acme", "--json"], in: folder,
                environment: ["AVARA_TEMPLATES_DIR": folder.appendingPathComponent("no-such-folder").path]
            )
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
    }

    @Test("the database is also read from AVARA_DATABASE_URL")
    func databaseFromEnvironment() async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["clinics", "create", "--name", "Acme", "--json"], in: folder,
                environment: ["AVARA_DATABASE_URL": "from-env.sqlite"]
            )
            #expect(result.status == 0)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("from-env.sqlite").path))
        }
    }

    @Test("a blank name is refused with a message and a non-zero exit", arguments: ["", "   "])
    func blankNameIsRefused(name: String) async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(["clinics", "create", "--name", name, "--json"], in: folder)
            #expect(result.status != 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("clinic name"))
        }
    }

    @Test(
        "a PostgreSQL URL it cannot use is refused with a clear message, without the password",
        arguments: [
            (
                "postgres://u:secret@localhost/avara?sslmode=verify-ca",
                "sslmode must be disable, prefer, require or verify-full"
            ),
            ("postgresql://u:secret@localhost/avara?timeout=3", "unsupported parameter \"timeout\""),
            ("mysql://u:secret@localhost/avara", "a SQLite file path or a postgres:// URL"),
        ]
    )
    func badPostgresURLIsRefused(url: String, message: String) async throws {
        try await withTemporaryFolder { folder in
            let result = try await AvaraProcess.run(
                ["clinics", "create", "--name", "Acme", "--database", url], in: folder)
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.contains("secret"))
        }
    }
}
