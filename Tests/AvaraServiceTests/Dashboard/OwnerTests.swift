import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("Owners")
struct OwnerTests {
    @Test("an owner made at the command line is a user of both products, with one email whose link opens both")
    func madeByTheCLI() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let owners = try await DashboardPeople.owner(service, client)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
                #expect(
                    try await service.count(
                        "SELECT COUNT(*) AS n FROM users WHERE password_hash IS NOT NULL AND level = 'owner'") == 2)
                for product in Product.allCases {
                    let userId = try #require(owners[product])
                    let user = try await UserDirectoryTests.request(.get, product, userId, client, key: service.apiKey)
                    let json = try user.json()
                    #expect(json["level"] as? String == "owner")
                    #expect(json["invitedSource"] as? String == "dashboard")
                    #expect(json["hasDashboardAccess"] as? Bool == true)
                    #expect(json["invitationStatus"] as? String == "accepted")
                }
            }
        }
    }

    @Test("through the API an owner is listed as one, cannot be invited, changed nor removed")
    func throughTheAPI() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let owners = try await DashboardPeople.owner(service, client)
                let ownerId = try #require(owners[.viewer])
                let listed = try await UserListTests.list(.viewer, "level=owner", client, key: service.apiKey)
                #expect(listed.status == .ok)
                let ids = try #require(try listed.json()["data"] as? [[String: Any]]).compactMap {
                    $0["userId"] as? String
                }
                #expect(ids == [ownerId])
                let patched = try await client.update(.viewer, ownerId, ["firstName": "Eve"], key: service.apiKey)
                #expect(patched.status == .forbidden)
                let deleted = try await UserDirectoryTests.request(
                    .delete, .viewer, ownerId, client, key: service.apiKey)
                #expect(deleted.status == .forbidden)
                var body = InviteBodies.minimal(.viewer, email: "second.owner@acme.test")
                body["level"] = "owner"
                let invited = try await client.invite(.viewer, body, key: service.apiKey)
                #expect(invited.status == .unprocessableContent)
                #expect(try invited.fieldErrors().map(\.field) == ["level"])
            }
        }
    }

    @Test("only the operator's CLI and an owner of the product make owners")
    func whoMakesOwners() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let owners = try await DashboardPeople.owner(service, client)
                let invitations = service.environment.services.invitations
                let fields: [String: JSONValue] = ["email": "n@acme.test", "firstName": "N", "lastName": "O"]
                let refused: [CommandContext.Actor] = [
                    .apiKey(id: "key", name: "sync"), .user(id: "usr_x", product: .viewer, level: "admin"),
                    .user(id: try #require(owners[.autoScribe]), product: .autoScribe, level: "owner"),
                ]
                for actor in refused {
                    let context = CommandContext(clinic: service.clinic, actor: actor, surface: .dashboard)
                    await #expect(throws: ServiceError.self) {
                        try await invitations.inviteOwner(fields: fields, products: [.viewer], context: context)
                    }
                }
                // An owner of Viewer, in the dashboard: the level Owner is offered and makes one.
                var owner = DashboardBrowser(client)
                try await owner.signIn("olive.owner@acme.test", DashboardPeople.password)
                let form = String(buffer: try await owner.get("/dashboard/viewer/invite").body)
                #expect(form.contains("<option value=\"owner\""))
                let made = try await owner.post(
                    "/dashboard/viewer/invite",
                    [
                        ("email", "second.owner@acme.test"), ("firstName", "Sam"), ("lastName", "Second"),
                        ("clinicRole", "Other"), ("level", "owner"), ("hasDashboardAccess", "true"),
                    ])
                #expect(made.status == .seeOther)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users WHERE level = 'owner'") == 3)
                _ = try await DashboardPeople.user(.viewer, service, client, email: "adam@acme.test", level: "admin")
                var admin = DashboardBrowser(client)
                try await admin.signIn("adam@acme.test", DashboardPeople.password)
                let adminForm = String(buffer: try await admin.get("/dashboard/viewer/invite").body)
                #expect(!adminForm.contains("<option value=\"owner\""))
                let refusedPost = try await admin.post(
                    "/dashboard/viewer/invite",
                    [
                        ("email", "third.owner@acme.test"), ("firstName", "T"), ("lastName", "T"),
                        ("clinicRole", "Other"), ("level", "owner"), ("hasDashboardAccess", "true"),
                    ])
                #expect(refusedPost.status == .forbidden)
            }
        }
    }
}
