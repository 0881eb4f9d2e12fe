import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("The dashboard's users table")
struct UsersPageTests {
    /// The user ids a users page links to, in its order.
    static func userIds(in page: TestResponse) -> [String] {
        String(buffer: page.body).matches(of: /href="\/dashboard\/viewer\/users\/(usr_[0-9a-f]+)"/).map { String($0.1) }
    }

    @Test("the newest users come first, page after page, the API's order reversed")
    func newestFirst() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await DashboardPeople.owner(service, client)
                for n in 1...30 {
                    _ = try await service.environment.services.invitations.invite(
                        product: .viewer, fields: InviteBodies.minimal(.viewer, email: "user\(n)@acme.test"),
                        context: .cli(service.clinic))
                }
                let listed = try await client.executeRequest(
                    uri: "/v1/viewer/users?limit=100", method: .get,
                    headers: [.authorization: "Bearer \(service.apiKey)"], body: nil)
                let oldestFirst = try #require(try listed.json()["data"] as? [[String: Any]]).compactMap {
                    $0["userId"] as? String
                }
                #expect(oldestFirst.count == 31)

                var browser = DashboardBrowser(client)
                try await browser.signIn("olive.owner@acme.test", DashboardPeople.password)
                let first = try await browser.get("/dashboard/viewer/users")
                #expect(Self.userIds(in: first).count == DashboardRoutes.pageSize)
                let next = try #require(
                    String(buffer: first.body).firstMatch(of: /href="([^"]+)">Next page/).map { String($0.1) })
                let second = try await browser.get(next.replacingOccurrences(of: "&amp;", with: "&"))
                #expect(!String(buffer: second.body).contains("Next page"))
                #expect(Self.userIds(in: first) + Self.userIds(in: second) == oldestFirst.reversed())
            }
        }
    }
}
