import Foundation
import Testing

@Suite("avara <product> users import roster.csv")
struct UsersImportCommandTests {
    static let autoScribeRoster = """
        email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess,canCreateReports,npiNumber,suffix1
        ann@hospital.org,Ann,Lee,Radiologist,member,true,true,true,1234567893,"MD, PhD"
        existing@hospital.org,Eve,Old,Radiologist,member,true,true,false,,
        badnpi@hospital.org,Bob,Npi,Radiologist,member,true,true,true,1234567890,
        not-an-email,Ned,Mail,Radiologist,member,true,true,false,,
        cell@hospital.org,Cel,Bool,Radiologist,member,maybe,true,false,,
        "tom@hospital.org",Tom,"O""Neil",Oncologist,admin,false,true,false,,

        """

    /// The report's lines, without the CRLF.
    static func report(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    /// The emails of the product's users, by listing them.
    static func emails(_ server: ClientServer, _ product: String) async throws -> [String] {
        let list = try await server.run([product, "users", "list", "--json"])
        let users = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        return users.compactMap { $0["email"] as? String }
    }

    @Test("created, duplicate and rejected rows in the report, exit 2; the same again creates nobody twice")
    func autoScribeImport() async throws {
        try await withClientServer { server in
            let existing = try await server.run(UsersCommandTests.invite("autoScribe", email: "existing@hospital.org"))
            #expect(existing.status == 0)
            let roster = server.folder.appendingPathComponent("roster.csv")
            try Data(Self.autoScribeRoster.utf8).write(to: roster)

            let first = try await server.run(["autoScribe", "users", "import", "roster.csv"])
            #expect(first.status == 2, "stderr: \(first.stderr)")
            #expect(first.stdout.hasPrefix("6 rows: 2 created, 1 duplicate, 3 rejected, 0 failed in "))
            let reportURL = server.folder.appendingPathComponent("roster.report.csv")
            let report = try Self.report(reportURL)
            #expect(report.count == 7)
            #expect(report[0] == "row,email,outcome,userId,errors")
            #expect(report[1].wholeMatch(of: /2,ann@hospital\.org,created,usr_[0-9a-f]{32},/) != nil)
            #expect(report[2].wholeMatch(of: /3,existing@hospital\.org,duplicate,usr_[0-9a-f]{32},email: .+/) != nil)
            #expect(report[3].hasPrefix("4,badnpi@hospital.org,rejected,,npiNumber: "))
            #expect(report[4].hasPrefix("5,not-an-email,rejected,,\"email: "))
            #expect(
                report[5]
                    == #"6,cell@hospital.org,rejected,,"canManageStudies: must be true or false (or yes/no, 1/0), got ""maybe""""#
            )
            #expect(report[6].wholeMatch(of: /7,tom@hospital\.org,created,usr_[0-9a-f]{32},/) != nil)
            let existingId = try #require(existing.stdout.firstMatch(of: /userId\s+(usr_[0-9a-f]{32})/)).1
            #expect(report[2].contains(existingId), "a duplicate names the user who has the email")

            // Rows are sent several at a time, so the users' order follows the answers, not the roster.
            let emails = try await Self.emails(server, "autoScribe")
            #expect(emails.sorted() == ["ann@hospital.org", "existing@hospital.org", "tom@hospital.org"])

            // Run it again, as after an interruption: the same report, nobody created twice.
            let again = try await server.run(["autoScribe", "users", "import", "roster.csv"])
            #expect(again.status == 2)
            #expect(try Self.report(reportURL) == report)
            #expect(try await Self.emails(server, "autoScribe") == emails)
        }
    }

    @Test(
        "a clean roster exits 0; --report chooses the report's place (its folder is created), --json prints a JSON summary"
    )
    func viewerImport() async throws {
        try await withClientServer { server in
            var csv = "email,firstName,lastName,clinicRole,level,canManageStudies,hasDashboardAccess\r\n"
            for index in 1...30 { csv += "user\(index)@hospital.org,First\(index),Last,Radiologist,member,yes,0\r\n" }
            try Data(csv.utf8).write(to: server.folder.appendingPathComponent("staff.csv"))
            let run = try await server.run([
                "viewer", "users", "import", "staff.csv", "--report", "out/report.csv", "--concurrency", "3", "--json",
            ])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(summary["rows"] as? Int == 30)
            #expect(summary["created"] as? Int == 30)
            #expect(summary["rejected"] as? Int == 0)
            let report = try Self.report(server.folder.appendingPathComponent("out/report.csv"))
            #expect(report.count == 31)
            #expect(report.dropFirst().allSatisfy { $0.contains(",created,usr_") })
            #expect(try await Self.emails(server, "viewer").count == 30)
            #expect(!run.stderr.contains("["), "no progress bar when standard error is not a terminal")
        }
    }

    @Test("a roster with an unknown column is refused before anything is sent (64)")
    func badHeader() async throws {
        try await withClientServer { server in
            try Data("email,firstname,lastName\na@x.org,A,B\n".utf8).write(
                to: server.folder.appendingPathComponent("r.csv"))
            let result = try await server.run(["viewer", "users", "import", "r.csv"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("unknown column \"firstname\" (did you mean firstName?)"))
            let missing = try await server.run(["viewer", "users", "import", "absent.csv"])
            #expect(missing.status == 64)
            #expect(missing.stderr.contains("cannot read absent.csv"))
        }
    }
}
