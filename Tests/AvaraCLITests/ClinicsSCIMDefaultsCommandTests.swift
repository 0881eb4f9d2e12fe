import Foundation
import Testing

@Suite("avara clinics scim-defaults")
struct ClinicsSCIMDefaultsCommandTests {
    @Test("shows the standard defaults, changes the ones given under the invite rules, and keeps the others")
    func showAndSet() async throws {
        try await withTemporaryFolder { folder in
            let created = try await AvaraProcess.run(["clinics", "create", "--name", "Acme", "--json"], in: folder)
            let clinic = try #require(
                try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String])["clinicId"]
            let command = ["clinics", "scim-defaults", "--clinic", try #require(clinic)]

            let standard = try await AvaraProcess.run(command + ["--product", "viewer"], in: folder)
            #expect(standard.status == 0, "stderr: \(standard.stderr)")
            #expect(standard.stdout.contains("clinicRole          Other"))
            #expect(standard.stdout.contains("level               member"))
            #expect(!standard.stdout.contains("canCreateReports"))

            // An admin without dashboard access and a role of no product: both named, nothing stored.
            let refused = try await AvaraProcess.run(
                command + ["--product", "viewer", "--level", "admin", "--clinic-role", "Wizard"], in: folder)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("clinicRole: must be one of the"))
            #expect(refused.stderr.contains("hasDashboardAccess: must be true for admin users"))

            let set = try await AvaraProcess.run(
                command + [
                    "--product", "viewer", "--clinic-role", "Radiologist", "--level", "admin",
                    "--has-dashboard-access", "--can-manage-studies",
                ], in: folder)
            #expect(set.status == 0, "stderr: \(set.stderr)")
            let changed = try await AvaraProcess.run(
                command + ["--product", "viewer", "--no-can-manage-studies"], in: folder)
            #expect(changed.stdout.contains("clinicRole          Radiologist"))
            #expect(changed.stdout.contains("level               admin"))
            #expect(changed.stdout.contains("canManageStudies    false"))
            #expect(changed.stdout.contains("hasDashboardAccess  true"))
            // Each product has its own.
            let autoScribe = try await AvaraProcess.run(command + ["--product", "autoScribe"], in: folder)
            #expect(autoScribe.stdout.contains("clinicRole          Other"))
            #expect(autoScribe.stdout.contains("canCreateReports    false"))
            let reports = try await AvaraProcess.run(
                command + ["--product", "autoScribe", "--can-create-reports"], in: folder)
            #expect(reports.stderr.contains("npiNumber: is required when canCreateReports is true"))
        }
    }
}
