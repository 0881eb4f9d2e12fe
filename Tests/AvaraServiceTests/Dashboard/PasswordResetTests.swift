import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("Forgot password")
struct PasswordResetTests {
    /// The reset links of every delivered email.
    static func resetLinks(_ service: TestService) throws -> [String] {
        try service.deliveredMail().compactMap { raw in
            let text = try ReceivedEmail(raw).text
            return text.firstMatch(of: /https:\/\/avara\.example\.org(\/dashboard\/reset\/[A-Za-z0-9_-]+)/).map {
                String($0.1)
            }
        }
    }

    @discardableResult
    static func ask(_ browser: inout DashboardBrowser, _ email: String) async throws -> TestResponse {
        try await browser.get("/dashboard/forgot-password")
        return try await browser.post("/dashboard/forgot-password", [("email", email)])
    }

    @Test("the answer is the same whether or not the email has an account; only an account gets the link")
    func sameAnswer() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                var browser = DashboardBrowser(client)
                let known = try await Self.ask(&browser, "olive.owner@acme.test")
                let unknown = try await Self.ask(&browser, "nobody@acme.test")
                #expect(known.status == .ok && unknown.status == .ok)
                let strip = { (response: TestResponse, email: String) in
                    String(buffer: response.body).replacingOccurrences(of: email, with: "EMAIL")
                }
                #expect(strip(known, "olive.owner@acme.test") == strip(unknown, "nobody@acme.test"))
                try await service.deliverMail()
                #expect(try Self.resetLinks(service).count == 1)
            }
        }
    }

    @Test("the link sets a new password once, ends the sessions, and stops working after an hour")
    func link() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                var signedIn = DashboardBrowser(client)
                try await signedIn.signIn("olive.owner@acme.test", DashboardPeople.password)
                var browser = DashboardBrowser(client)
                try await Self.ask(&browser, "Olive.Owner@acme.test")
                try await service.deliverMail()
                let path = try #require(try Self.resetLinks(service).first)
                let page = try await browser.get(path)
                #expect(page.status == .ok)
                // The link's token stays on this site; the form's POST keeps its Origin (not `null`).
                #expect(page.headers[.referrerPolicy] == "same-origin")
                let weak = try await browser.post(path, [("password", "short"), ("confirmation", "short")])
                #expect(weak.status == .unprocessableContent)
                let set = try await browser.post(
                    path, [("password", "a brand new password"), ("confirmation", "a brand new password")])
                #expect(set.status == .ok)
                #expect(
                    try await browser.post(
                        path, [("password", "yet another password"), ("confirmation", "yet another password")]
                    ).status == .gone)
                #expect(try await signedIn.get("/dashboard/viewer/users").headers[.location] == "/dashboard/sign-in")
                // Both of the owner's accounts take the new password.
                #expect(
                    try await signedIn.signIn("olive.owner@acme.test", DashboardPeople.password).status == .unauthorized
                )
                #expect(
                    try await signedIn.signIn("olive.owner@acme.test", "a brand new password").headers[.location]
                        == "/dashboard/accounts")

                try await Self.ask(&browser, "olive.owner@acme.test")
                try await service.deliverMail()
                let second = try #require(try Self.resetLinks(service).first { $0 != path })
                service.clock.advance(by: 3601)
                #expect(try await browser.get(second).status == .gone)
                #expect(try await browser.get("/dashboard/reset/avr_unknown").status == .gone)
            }
        }
    }

    @Test("asking again and again for one email is throttled like a login")
    func throttled() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                var browser = DashboardBrowser(client)
                var statuses: [HTTPResponse.Status] = []
                for _ in 0..<6 { statuses.append(try await Self.ask(&browser, "olive.owner@acme.test").status) }
                #expect(statuses == Array(repeating: .ok, count: 5) + [.tooManyRequests])
                try await service.deliverMail()
                #expect(try Self.resetLinks(service).count == 5)
            }
        }
    }
}
