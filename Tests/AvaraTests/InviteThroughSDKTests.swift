import Avara
import Foundation
import Testing

@Suite("Inviting through the SDK against the real server")
struct InviteThroughSDKTests {
    @Test("the seed example: a Viewer invite with the convenience method")
    func viewerInvite() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let user = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
                firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member
            )
            #expect(user.userId.wholeMatch(of: /usr_[0-9a-f]{32}/) != nil)
            #expect(user.clinicRole == .radiologist)
            #expect(user.level == .member)
            #expect(user.invitedSource == .api)
            #expect(user.lastLoginAt == nil)
            #expect(user.middleName == nil)
            let created = try #require(user.createdAt)
            #expect(abs(created.timeIntervalSinceNow) < 600)
            #expect(String(describing: user).contains("\"userId\" : \"\(user.userId)\""))
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users WHERE product = 'viewer'") == 1)
        }
    }

    @Test("an AutoScribe invite with UserInviteParams, every optional field set")
    func autoScribeInvite() async throws {
        try await LiveService.run { service in
            let params = AutoScribe.UserInviteParams(
                canCreateReports: true, canManageStudies: true, clinicRole: .pathologistsAssistant,
                email: "dr.johnson@hospital.org", firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson",
                level: .admin, middleName: "Marie", npiNumber: "1234567893", phoneNumber: "5551234567",
                suffix1: "MD", suffix2: "FACR"
            )
            let user = try await service.client().autoScribe.users.invite(params)
            #expect(user.canCreateReports)
            #expect(user.npiNumber == "1234567893")
            #expect(user.clinicRole == .pathologistsAssistant)
            #expect(user.clinicRole.rawValue == "Pathologists' Assistant")
            #expect(user.middleName == "Marie" && user.suffix1 == "MD" && user.suffix2 == "FACR")
            #expect(user.phoneNumber == "5551234567")
            #expect(user.level == .admin)
        }
    }

    @Test("the same email may be invited into both products")
    func bothProducts() async throws {
        try await LiveService.run { service in
            let client = service.client()
            _ = try await client.viewer.users.invite(
                canManageStudies: false, clinicRole: .pacsAdministrator, email: "it@clinic.org", firstName: "Ira",
                hasDashboardAccess: false, lastName: "Tech", level: .member
            )
            _ = try await client.autoScribe.users.invite(
                canCreateReports: false, canManageStudies: false, clinicRole: .itSupport, email: "it@clinic.org",
                firstName: "Ira", hasDashboardAccess: false, lastName: "Tech", level: .member
            )
            #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 2)
        }
    }

    @Test("a client from the environment: AVARA_API_KEY and AVARA_BASE_URL")
    func clientFromEnvironment() async throws {
        try await LiveService.run { service in
            let client = try AvaraClient(environment: [
                "AVARA_API_KEY": service.apiKey, "AVARA_BASE_URL": service.baseURL.absoluteString + "/",
            ])
            let user = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .other, email: "env@clinic.org", firstName: "E",
                hasDashboardAccess: false, lastName: "V", level: .member
            )
            #expect(user.email == "env@clinic.org")
        }
    }

    @Test("a missing AVARA_API_KEY or a bad AVARA_BASE_URL is a configuration error")
    func environmentErrors() throws {
        #expect(throws: AvaraError.self) { try AvaraClient(environment: [:]) }
        let error = try #require(throws: AvaraError.self) {
            try AvaraClient(environment: ["AVARA_API_KEY": "k", "AVARA_BASE_URL": "ftp://x"])
        }
        #expect(error.kind == .configuration)
        #expect(String(describing: error).contains("AVARA_BASE_URL"))
    }
}
