import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("A product keeps an owner")
struct LastOwnerTests {
    /// The edit form's fields of a user named Sam Second, at `level`.
    static func edit(level: String) -> [(String, String)] {
        [
            ("firstName", "Sam"), ("lastName", "Second"), ("clinicRole", "Other"), ("level", level),
            ("hasDashboardAccess", "true"),
        ]
    }

    @Test("an owner makes an admin an owner in the dashboard; the last owner can be neither demoted nor removed")
    func promotionAndLastOwner() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let owners = try await DashboardPeople.owner(service, client)
                let ownerId = try #require(owners[.viewer])
                let adminId = try await DashboardPeople.user(
                    .viewer, service, client, email: "sam@acme.test", level: "admin")
                var owner = DashboardBrowser(client)
                try await owner.signIn("olive.owner@acme.test", DashboardPeople.password)
                // The only owner of Viewer stays one.
                try await owner.get("/dashboard/viewer/users/\(ownerId)")
                let demoted = try await owner.post("/dashboard/viewer/users/\(ownerId)", Self.edit(level: "admin"))
                #expect(demoted.status == .unprocessableContent)
                #expect(String(buffer: demoted.body).contains("needs another owner first"))
                try await owner.get("/dashboard/viewer/users/\(ownerId)")
                #expect(try await owner.post("/dashboard/viewer/users/\(ownerId)/remove", []).status == .conflict)

                try await owner.get("/dashboard/viewer/users/\(adminId)")
                let promoted = try await owner.post("/dashboard/viewer/users/\(adminId)", Self.edit(level: "owner"))
                #expect(promoted.status == .seeOther)
                let json = try await UserDirectoryTests.request(.get, .viewer, adminId, client, key: service.apiKey)
                #expect(try json.json()["level"] as? String == "owner")
                // The promoted user's activity names who promoted them.
                let activity = String(buffer: try await owner.get("/dashboard/viewer/users/\(adminId)").body)
                #expect(activity.contains("<strong>Changed</strong> by Olive Owner"))
                // With a second owner, the first may step down; the events say who did it.
                try await owner.get("/dashboard/viewer/users/\(ownerId)")
                #expect(
                    try await owner.post("/dashboard/viewer/users/\(ownerId)", Self.edit(level: "admin")).status
                        == .seeOther)
                #expect(
                    try await service.count(
                        "SELECT COUNT(*) AS n FROM users WHERE level = 'owner' AND product = 'viewer'") == 1)
                // AutoScribe kept its owner all along.
                #expect(
                    try await service.count(
                        "SELECT COUNT(*) AS n FROM users WHERE level = 'owner' AND product = 'autoScribe'") == 1)
            }
        }
    }

    @Test("two owners demoting each other at once: one of them stays owner")
    func concurrentDemotions() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let first = try #require(try await DashboardPeople.owner(service, client)[.viewer])
                let second = try await DashboardPeople.user(
                    .viewer, service, client, email: "sam@acme.test", level: "admin")
                let users = service.environment.services.users
                let clinic = service.clinic
                @Sendable func ownerOf(_ id: String) -> CommandContext {
                    CommandContext(
                        clinic: clinic, actor: .user(id: id, product: .viewer, level: "owner"), surface: .dashboard)
                }
                // Each round, both are owners and each demotes the other at once: exactly one stays owner.
                for _ in 0..<25 {
                    for (id, by) in [(first, second), (second, first)] {
                        _ = try await users.update(
                            id: id, product: .viewer, context: ownerOf(by), fields: ["level": "owner"])
                    }
                    async let one = try? users.update(
                        id: first, product: .viewer, context: ownerOf(second), fields: ["level": "admin"])
                    async let other = try? users.update(
                        id: second, product: .viewer, context: ownerOf(first), fields: ["level": "admin"])
                    let outcomes = await [one, other]
                    #expect(outcomes.compactMap { $0 }.count == 1)
                    #expect(
                        try await service.count(
                            "SELECT COUNT(*) AS n FROM users WHERE level = 'owner' AND product = 'viewer'") == 1)
                }
            }
        }
    }
}
