import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

/// A user the clinic's identity provider deactivates (through SCIM) is kept and listed, but can neither sign in nor
/// accept their invitation, and their sessions end; made active again, they can.
@Suite("Deactivated users")
struct DeactivationTests {
    /// The context of a SCIM connection: the clinic's API key, through the SCIM surface.
    static func scim(_ service: TestService) -> CommandContext {
        CommandContext(clinic: service.clinic, actor: .apiKey(id: "key_scim", name: "Entra ID"), surface: .scim)
    }

    @Test("a deactivated user cannot log in or sign in, loses the session, and is listed as inactive")
    func signIn() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await DashboardPeople.user(.viewer, service, client, email: "mia@acme.test")
                var browser = DashboardBrowser(client)
                try await browser.signIn("mia@acme.test", DashboardPeople.password)
                #expect(try await browser.get("/dashboard/profile").status == .ok)

                let users = service.environment.services.users
                let deactivated = try await users.provisionedUpdate(
                    id: userId, product: .viewer, context: Self.scim(service), change: ProvisionedChange(active: false))
                #expect(deactivated.active == false)
                // The session ended with the deactivation.
                #expect(try await browser.get("/dashboard/profile").headers[.location] == "/dashboard/sign-in")
                let again = try await DashboardBrowser(client).signingIn("mia@acme.test")
                #expect(again.status != .seeOther)
                let login = try await LoginTests.login("mia@acme.test", DashboardPeople.password, .viewer, client)
                #expect(login.status == .unauthorized)
                // Kept, listed, and shown inactive by the API.
                let shown = try await UserDirectoryTests.request(.get, .viewer, userId, client, key: service.apiKey)
                #expect(try shown.json()["active"] as? Bool == false)
                // One event says what changed, and who changed it.
                let events = try await service.environment.services.events.page(
                    context: .cli(service.clinic), filter: EventFilter(subjectId: userId), order: .newest,
                    after: nil, limit: 5)
                let change = try #require(events.events.first)
                #expect(change.type == .userUpdated)
                #expect(change.surface == .scim && change.actor.id == "key_scim")

                _ = try await users.provisionedUpdate(
                    id: userId, product: .viewer, context: Self.scim(service), change: ProvisionedChange(active: true))
                #expect(try await DashboardBrowser(client).signingIn("mia@acme.test").status == .seeOther)
                let restored = try await UserDirectoryTests.request(.get, .viewer, userId, client, key: service.apiKey)
                #expect(try restored.json()["active"] as? Bool == true)
            }
        }
    }

    @Test("a deactivated user's invitation cannot be accepted until the user is active again")
    func acceptance() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (userId, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                let users = service.environment.services.users
                _ = try await users.provisionedUpdate(
                    id: userId, product: .viewer, context: Self.scim(service), change: ProvisionedChange(active: false))
                let page = try await AcceptanceSteps.page(path, client)
                #expect(page.status == .forbidden)
                #expect(String(buffer: page.body).contains("Account deactivated"))
                let refused = try await AcceptanceSteps.submit(path, password: DashboardPeople.password, client)
                #expect(refused.status == .forbidden)
                #expect(
                    try await service.count(
                        "SELECT COUNT(*) AS n FROM users WHERE password_hash IS NOT NULL AND user_id = '\(userId)'")
                        == 0)

                _ = try await users.provisionedUpdate(
                    id: userId, product: .viewer, context: Self.scim(service), change: ProvisionedChange(active: true))
                #expect(
                    try await AcceptanceSteps.submit(path, password: DashboardPeople.password, client).status == .ok)
            }
        }
    }
}
