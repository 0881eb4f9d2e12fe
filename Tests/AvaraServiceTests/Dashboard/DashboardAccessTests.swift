import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("Who may do what in the dashboard")
struct DashboardAccessTests {
    @Test("a member sees their profile only; an admin of Viewer is refused AutoScribe and an owner's removal")
    func levels() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let owners = try await DashboardPeople.owner(service, client)
                _ = try await DashboardPeople.user(.viewer, service, client, email: "mia@acme.test")
                _ = try await DashboardPeople.user(.viewer, service, client, email: "adam@acme.test", level: "admin")
                var member = DashboardBrowser(client)
                try await member.signIn("mia@acme.test", DashboardPeople.password)
                #expect(try await member.get("/dashboard").headers[.location] == "/dashboard/profile")
                #expect(try await member.get("/dashboard/viewer/users").status == .forbidden)
                #expect(try await member.get("/dashboard/viewer/invite").status == .forbidden)

                var admin = DashboardBrowser(client)
                try await admin.signIn("adam@acme.test", DashboardPeople.password)
                #expect(try await admin.get("/dashboard").headers[.location] == "/dashboard/viewer/users")
                #expect(try await admin.get("/dashboard/autoScribe/users").status == .forbidden)
                let ownerId = try #require(owners[.viewer])
                #expect(try await admin.get("/dashboard/viewer/users/\(ownerId)").status == .ok)
                #expect(try await admin.get("/dashboard/viewer/users/\(ownerId)/remove").status == .forbidden)
                try await admin.get("/dashboard/viewer/users")
                #expect(try await admin.post("/dashboard/viewer/users/\(ownerId)/remove", []).status == .forbidden)
                // The owner's AutoScribe account, seen from Viewer: no such user here.
                let autoScribeOwner = try #require(owners[.autoScribe])
                #expect(try await admin.get("/dashboard/viewer/users/\(autoScribeOwner)").status == .notFound)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users WHERE level = 'owner'") == 2)
            }
        }
    }

    @Test("another clinic's user answers 404, as an unknown id and an unknown page do")
    func otherClinic() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                let other = try await service.createClinic("Other Imaging")
                let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: other.apiKey)
                let foreignId = try #require(try response.json()["userId"] as? String)
                var owner = DashboardBrowser(client)
                try await owner.signIn("olive.owner@acme.test", DashboardPeople.password)
                for path in [
                    "/dashboard/viewer/users/\(foreignId)", "/dashboard/viewer/users/\(foreignId)/remove",
                    "/dashboard/viewer/users/usr_unknown", "/dashboard/nowhere", "/dashboard/viewer/users/x/y/z",
                ] {
                    let page = try await owner.get(path)
                    #expect(page.status == .notFound, "\(path)")
                    #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                }
                try await owner.get("/dashboard/viewer/users")
                #expect(try await owner.post("/dashboard/viewer/users/\(foreignId)/remove", []).status == .notFound)
                #expect(
                    try await service.count(
                        "SELECT COUNT(*) AS n FROM users WHERE clinic_id = '\(other.clinic.clinicId)'") == 1)
            }
        }
    }

    @Test("pages are not kept by caches nor shown in frames, run no inline script, and show markup as text")
    func pageSafety() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                var body = InviteBodies.minimal(.viewer, email: "x@acme.test")
                body["firstName"] = "<img src=x onerror=alert(1)>"
                body["lastName"] = "O'Brien & \"Sons\""
                #expect(try await client.invite(.viewer, body, key: service.apiKey).status == .created)
                var owner = DashboardBrowser(client)
                try await owner.signIn("olive.owner@acme.test", DashboardPeople.password)
                let page = try await owner.get("/dashboard/viewer/users")
                #expect(page.status == .ok)
                #expect(page.headers[.cacheControl] == "no-store")
                let policy = try #require(page.headers[HTTPField.Name("Content-Security-Policy")!])
                #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline"))
                let html = String(buffer: page.body)
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; O&#39;Brien &amp; &quot;Sons&quot;"))
                #expect(!html.contains("<img") && !html.contains("<script"))
            }
        }
    }

    @Test("a sign-in racing the removal of the user's dashboard access never leaves a session behind")
    func signInRace() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                var ids: [String] = []
                for index in 0..<12 {
                    ids.append(
                        try await DashboardPeople.user(.viewer, service, client, email: "racer\(index)@acme.test"))
                }
                let logins = service.environment.services.logins
                let users = service.environment.services.users
                let context = CommandContext.cli(service.clinic)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, id) in ids.enumerated() {
                        group.addTask {
                            _ = try? await logins.signIn(
                                email: "racer\(index)@acme.test", password: DashboardPeople.password, requestId: nil,
                                clientAddress: "192.0.2.\(index)")
                        }
                        group.addTask {
                            _ = try await users.update(
                                id: id, product: .viewer, context: context, fields: ["hasDashboardAccess": false])
                        }
                    }
                    try await group.waitForAll()
                }
                let left = try await service.count(
                    """
                    SELECT COUNT(*) AS n FROM sessions JOIN users ON users.user_id = sessions.user_id
                    WHERE NOT users.has_dashboard_access
                    """)
                #expect(left == 0)
            }
        }
    }
}
