import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Listing users")
struct UserListTests {
    static func list(
        _ product: Product, _ query: String, _ client: some TestClientProtocol, key: String
    ) async throws -> TestResponse {
        try await client.executeRequest(
            uri: "\(product.usersPath)\(query.isEmpty ? "" : "?" + query)", method: .get,
            headers: [.authorization: "Bearer \(key)"], body: nil
        )
    }

    /// Invites `count` users named user0…, returning their ids.
    static func invite(
        _ count: Int, from start: Int = 0, _ client: some TestClientProtocol, _ service: TestService
    ) async throws -> [String] {
        var ids: [String] = []
        for index in start..<start + count {
            service.clock.advance(by: 0.01)
            let response = try await client.invite(
                .viewer, InviteBodies.minimal(.viewer, email: "user\(index)@clinic.org"), key: service.apiKey)
            ids.append(try #require(try response.json()["userId"] as? String))
        }
        return ids
    }

    static func page(_ response: TestResponse) throws -> (ids: [String], hasMore: Bool, next: String?) {
        let json = try response.json()
        let data = try #require(json["data"] as? [[String: Any]])
        return (
            data.compactMap { $0["userId"] as? String }, try #require(json["hasMore"] as? Bool),
            json["nextCursor"] as? String
        )
    }

    @Test(
        "the last page says so with an explicit `nextCursor: null`, as the schema requires", arguments: Product.allCases
    )
    func lastPageHasNullCursor(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await Self.list(product, "limit=5", client, key: service.apiKey)
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["hasMore"] as? Bool == false)
                #expect(json["nextCursor"] is NSNull)
            }
        }
    }

    @Test("a walk with a cursor sees every user once, in order, including users invited during the walk")
    func pagination() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var expected = try await Self.invite(25, client, service)
                var seen: [String] = []
                var query = "limit=10"
                var pages = 0
                while true {
                    let response = try await Self.list(.viewer, query, client, key: service.apiKey)
                    #expect(response.status == .ok)
                    let page = try Self.page(response)
                    seen += page.ids
                    pages += 1
                    if pages == 1 { expected += try await Self.invite(5, from: 25, client, service) }
                    guard page.hasMore, let next = page.next else {
                        #expect(page.next == nil)
                        break
                    }
                    query = "limit=10&after=\(next)"
                }
                #expect(seen == expected, "no duplicates, no gaps, creation order")
                #expect(pages == 3)
            }
        }
    }

    @Test("users invited in the same millisecond are ordered by id and each seen once")
    func ties() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var expected: [String] = []
                for index in 0..<15 {
                    let response = try await client.invite(
                        .viewer, InviteBodies.minimal(.viewer, email: "tie\(index)@clinic.org"), key: service.apiKey)
                    expected.append(try #require(try response.json()["userId"] as? String))
                }
                var seen: [String] = []
                var query = "limit=4"
                while true {
                    let page = try Self.page(try await Self.list(.viewer, query, client, key: service.apiKey))
                    seen += page.ids
                    guard let next = page.next else { break }
                    query = "limit=4&after=\(next)"
                }
                #expect(seen == expected.sorted())
            }
        }
    }

    @Test("filters: level, role, exact email in any case, name or email prefix, invitation status")
    func filters() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var admin = InviteBodies.minimal(.viewer, email: "Chief@Clinic.org")
                admin["level"] = .string("admin")
                admin["hasDashboardAccess"] = .bool(true)
                admin["clinicRole"] = .string("PACS Administrator")
                admin["firstName"] = .string("Maria")
                let adminId = try #require(
                    try await client.invite(.viewer, admin, key: service.apiKey).json()["userId"] as? String)
                let others = try await Self.invite(3, client, service)
                _ = try await InvitationLifecycleTests.act("revoke", .viewer, others[0], client, key: service.apiKey)

                let cases: [(String, [String])] = [
                    ("level=admin", [adminId]),
                    ("clinicRole=PACS%20Administrator", [adminId]),
                    ("email=chief@CLINIC.org", [adminId]),
                    ("q=mar", [adminId]),
                    ("q=USER1", [others[1]]),
                    ("q=joh", others.isEmpty ? [] : [adminId] + others),
                    ("invitationStatus=revoked", [others[0]]),
                    ("invitationStatus=pending", [adminId, others[1], others[2]]),
                ]
                for (query, ids) in cases {
                    let page = try Self.page(try await Self.list(.viewer, query, client, key: service.apiKey))
                    #expect(Set(page.ids) == Set(ids), "\(query)")
                }
                service.clock.advance(by: 8 * 86_400)
                let expired = try Self.page(
                    try await Self.list(.viewer, "invitationStatus=expired", client, key: service.apiKey))
                #expect(Set(expired.ids) == Set([adminId, others[1], others[2]]))
            }
        }
    }

    @Test("a key lists only its clinic's users of that product")
    func isolation() async throws {
        try await TestService.with { service in
            let other = try await service.createClinic("Northside Radiology")
            try await service.app().test(.router) { client in
                _ = try await Self.invite(2, client, service)
                _ = try await client.invite(.autoScribe, InviteBodies.minimal(.autoScribe), key: service.apiKey)
                #expect(try Self.page(try await Self.list(.viewer, "", client, key: other.apiKey)).ids.isEmpty)
                #expect(try Self.page(try await Self.list(.viewer, "", client, key: service.apiKey)).ids.count == 2)
                #expect(try Self.page(try await Self.list(.autoScribe, "", client, key: service.apiKey)).ids.count == 1)
            }
        }
    }

    @Test(
        "bad paging values answer 422 naming the parameter",
        arguments: [("limit=0", "limit"), ("limit=101", "limit"), ("after=bm9wZQ", "after")])
    func badPaging(query: String, field: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await Self.list(.viewer, query, client, key: service.apiKey)
                #expect(response.status == .unprocessableContent)
                #expect(try response.fieldErrors().map(\.field) == [field])
            }
        }
    }

    @Test("a level that is not one of the API's answers 400")
    func badEnum() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await Self.list(.viewer, "level=superuser", client, key: service.apiKey)
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test(
        "a control character in a filter answers 400 naming it, on both databases",
        arguments: [
            ("q=ab%00cd", "q"), ("email=a%00@clinic.org", "email"), ("q=line%0Abreak", "q"),
            ("email=x%7F@y.org", "email"),
        ])
    func controlCharactersInFilters(query: String, field: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await Self.list(.viewer, query, client, key: service.apiKey)
                #expect(response.status == .badRequest)
                #expect(try response.decode(ProblemBody.self).type == "/problems/malformed-request")
                #expect(try response.fieldErrors().map(\.field) == [field])
            }
        }
    }

    @Test("q matches names in any script case-insensitively, the same way on both databases")
    func unicodeCaseInsensitivePrefix() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var ids: [String: String] = [:]
                for (email, first, last) in [
                    ("a@clinic.org", "Émilie", "Ångström"), ("b@clinic.org", "Ольга", "Щербакова"),
                    ("c@clinic.org", "Σοφία", "Παπαδοπούλου"), ("d@clinic.org", "emma", "Ziegler"),
                ] {
                    var body = InviteBodies.minimal(.viewer, email: email)
                    body["firstName"] = .string(first)
                    body["lastName"] = .string(last)
                    service.clock.advance(by: 0.01)
                    ids[email] = try #require(
                        try await client.invite(.viewer, body, key: service.apiKey).json()["userId"] as? String)
                }
                let cases: [(String, [String])] = [
                    ("q=%C3%A9mi", ["a@clinic.org"]),  // émi finds Émilie
                    ("q=%C3%89MI", ["a@clinic.org"]),  // ÉMI too
                    ("q=%C3%A5ngstr", ["a@clinic.org"]),  // ångstr finds Ångström
                    ("q=%D0%BE%D0%BB%D1%8C", ["b@clinic.org"]),  // оль finds Ольга
                    ("q=%D0%A9%D0%95%D0%A0", ["b@clinic.org"]),  // ЩЕР finds Щербакова
                    ("q=%CF%83%CE%BF%CF%86", ["c@clinic.org"]),  // σοφ finds Σοφία
                    ("q=EM", ["d@clinic.org"]),
                ]
                for (query, emails) in cases {
                    let page = try Self.page(try await Self.list(.viewer, query, client, key: service.apiKey))
                    #expect(Set(page.ids) == Set(emails.compactMap { ids[$0] }), "\(query)")
                }
            }
        }
    }
}
