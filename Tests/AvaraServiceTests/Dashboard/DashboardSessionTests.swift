import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("Dashboard sessions")
struct DashboardSessionTests {
    @Test("signing in sets an HttpOnly, SameSite=Lax, Secure cookie whose token the database keeps only hashed")
    func signIn() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var browser = DashboardBrowser(client)
                let before = try await browser.get("/dashboard/viewer/users")
                #expect(before.status == .seeOther)
                #expect(before.headers[.location] == "/dashboard/sign-in")
                try await DashboardPeople.owner(service, client)
                let signedIn = try await browser.signIn("Olive.Owner@acme.test", DashboardPeople.password)
                #expect(signedIn.status == .seeOther)
                // One password opened the owner's two accounts: a choice first.
                #expect(signedIn.headers[.location] == "/dashboard/accounts")
                let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("avara_session=") })
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
                let token = try #require(browser.cookies["avara_session"])
                #expect(try await service.count("SELECT COUNT(*) AS n FROM sessions") == 1)
                let stored = try await service.strings("SELECT session_hash FROM sessions", column: "session_hash")
                #expect(stored == [InvitationToken.hash(token)])
                #expect(try await browser.get("/dashboard/viewer/users").status == .ok)
            }
        }
    }

    @Test("a wrong password, an unknown email and an account without dashboard access get one answer")
    func failedSignIn() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                _ = try await DashboardPeople.user(
                    .viewer, service, client, email: "no.access@acme.test", dashboard: false)
                var answers: Set<String> = []
                for (email, password) in [
                    ("olive.owner@acme.test", "wrong password!!"), ("nobody@acme.test", DashboardPeople.password),
                    ("no.access@acme.test", DashboardPeople.password),
                ] {
                    var browser = DashboardBrowser(client)
                    let response = try await browser.signIn(email, password)
                    #expect(response.status == .unauthorized)
                    #expect(browser.cookies["avara_session"] == nil)
                    let html = String(buffer: response.body)
                    answers.insert(String(try #require(html.firstMatch(of: /<p>([^<]*)<\/p><\/div>/)).1))
                }
                #expect(answers.count == 1)
            }
        }
    }

    @Test("a session ends after 30 minutes without use, and after 12 hours however used")
    func timeouts() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                var browser = DashboardBrowser(client)
                try await browser.signIn("olive.owner@acme.test", DashboardPeople.password)
                for _ in 0..<3 {
                    service.clock.advance(by: 29 * 60)
                    #expect(try await browser.get("/dashboard/viewer/users").status == .ok)
                }
                service.clock.advance(by: 31 * 60)
                #expect(try await browser.get("/dashboard/viewer/users").headers[.location] == "/dashboard/sign-in")

                try await browser.signIn("olive.owner@acme.test", DashboardPeople.password)
                var used = 0
                while try await browser.get("/dashboard/viewer/users").status == .ok {
                    service.clock.advance(by: 25 * 60)
                    used += 1
                }
                // Used every 25 minutes: it held for 12 hours, and no longer.
                #expect(used == 12 * 60 / 25 + 1)
            }
        }
    }

    @Test("a form without this session's CSRF token, or without this service's Origin, is refused and changes nothing")
    func forgedForms() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                var browser = DashboardBrowser(client)
                try await browser.signIn("olive.owner@acme.test", DashboardPeople.password)
                try await browser.get("/dashboard/viewer/invite")
                let fields = [
                    ("email", "new@acme.test"), ("firstName", "New"), ("lastName", "User"), ("clinicRole", "Other"),
                    ("level", "member"),
                ]
                let users = try await service.count("SELECT COUNT(*) AS n FROM users")
                for (csrf, origin) in [
                    ("", DashboardBrowser.origin), ("forged", DashboardBrowser.origin), (nil, "https://evil.example"),
                    (nil, nil),
                ] as [(String?, String?)] {
                    let response = try await browser.post(
                        "/dashboard/viewer/invite", fields, csrf: csrf, origin: origin)
                    #expect(response.status == .forbidden)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                }
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == users)
                // The sign-in form has its own token, in its cookie.
                var stranger = DashboardBrowser(client)
                let response = try await stranger.post(
                    "/dashboard/sign-in", [("email", "olive.owner@acme.test"), ("password", DashboardPeople.password)],
                    csrf: "made-up")
                #expect(response.status == .forbidden)
                #expect(stranger.cookies["avara_session"] == nil)
            }
        }
    }

    @Test("signing out ends the session; a change of password ends every session of the user")
    func endings() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                _ = try await DashboardPeople.user(.viewer, service, client, email: "mia@acme.test")
                var laptop = DashboardBrowser(client)
                var phone = DashboardBrowser(client)
                try await laptop.signIn("mia@acme.test", DashboardPeople.password)
                try await phone.signIn("mia@acme.test", DashboardPeople.password)
                #expect(try await phone.get("/dashboard/profile").status == .ok)
                try await laptop.get("/dashboard/password")
                let changed = try await laptop.post(
                    "/dashboard/password",
                    [
                        ("currentPassword", DashboardPeople.password), ("newPassword", "another long password"),
                        ("confirmation", "another long password"),
                    ])
                #expect(changed.status == .ok)
                #expect(try await laptop.get("/dashboard/profile").headers[.location] == "/dashboard/sign-in")
                #expect(try await phone.get("/dashboard/profile").headers[.location] == "/dashboard/sign-in")
                #expect(try await laptop.signIn("mia@acme.test", DashboardPeople.password).status == .unauthorized)
                try await laptop.signIn("mia@acme.test", "another long password")
                try await laptop.get("/dashboard/profile")
                #expect(try await laptop.post("/dashboard/sign-out", []).status == .ok)
                #expect(try await laptop.get("/dashboard/profile").headers[.location] == "/dashboard/sign-in")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM sessions") == 0)
            }
        }
    }

    @Test("removing a user's dashboard access, or the user, ends their sessions at once")
    func accessRemoved() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                let userId = try await DashboardPeople.user(.viewer, service, client, email: "mia@acme.test")
                var browser = DashboardBrowser(client)
                try await browser.signIn("mia@acme.test", DashboardPeople.password)
                #expect(try await browser.get("/dashboard/profile").status == .ok)
                let patched = try await client.update(
                    .viewer, userId, ["hasDashboardAccess": false], key: service.apiKey)
                #expect(patched.status == .ok)
                #expect(try await browser.get("/dashboard/profile").headers[.location] == "/dashboard/sign-in")
                #expect(try await browser.signIn("mia@acme.test", DashboardPeople.password).status == .unauthorized)
            }
        }
    }
}
