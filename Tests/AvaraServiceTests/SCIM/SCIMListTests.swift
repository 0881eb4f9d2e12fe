import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("SCIM: finding users")
struct SCIMListTests {
    /// `GET /Users?query` (the query percent-encoded here).
    static func list(_ query: String, _ client: some TestClientProtocol, key: String) async throws -> TestResponse {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=\"[] ")
        let encoded = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return parts[0] + "="
                + (parts.count > 1 ? parts[1].addingPercentEncoding(withAllowedCharacters: allowed) ?? "" : "")
        }.joined(separator: "&")
        return try await SCIMEndpointTests.request(.get, "/Users?\(encoded)", client, key: key)
    }

    static func userNames(_ response: TestResponse) throws -> [String] {
        try (response.json()["Resources"] as? [[String: Any]] ?? []).compactMap { $0["userName"] as? String }
    }

    @Test("eq filters on userName, emails and externalId (Entra ID's and Okta's), and Entra's connection test")
    func filters() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                for (name, externalId) in [("ada", "ext-ada"), ("bo", "ext-bo"), ("cy", "ext-cy")] {
                    let created = try await SCIMEndpointTests.request(
                        .post, "/Users", client, key: service.apiKey,
                        body: SCIMCreateTests.entraCreate(userName: "\(name)@acme.test", externalId: externalId))
                    try #require(created.status == .created)
                }
                let key = service.apiKey
                #expect(
                    try Self.userNames(await Self.list(#"filter=userName eq "BO@acme.test""#, client, key: key)) == [
                        "bo@acme.test"
                    ])
                #expect(
                    try Self.userNames(
                        await Self.list(#"filter=emails[type eq "work"].value eq "cy@acme.test""#, client, key: key))
                        == ["cy@acme.test"])
                #expect(
                    try Self.userNames(await Self.list(#"filter=externalId eq "ext-ada""#, client, key: key)) == [
                        "ada@acme.test"
                    ])
                #expect(
                    try Self.userNames(
                        await Self.list(
                            #"filter=userName eq "ada@acme.test" and externalId eq "ext-bo""#, client, key: key)
                    ).isEmpty)
                // Entra ID's "test connection": a random userName, an empty list.
                let probe = try await Self.list(
                    #"filter=userName eq "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081""#, client, key: key)
                #expect(probe.status == .ok)
                #expect(try probe.json()["totalResults"] as? Int == 0)
                #expect(try probe.json()["schemas"] as? [String] == [SCIMSchemaURN.listResponse])
                let unsupported = try await Self.list(#"filter=name.givenName co "a""#, client, key: key)
                #expect(unsupported.status == .badRequest)
                #expect(try unsupported.json()["scimType"] as? String == "invalidFilter")
                let broken = try await Self.list(#"filter=userName eq"#, client, key: key)
                #expect(try broken.json()["scimType"] as? String == "invalidFilter")
            }
        }
    }

    @Test("startIndex and count page in a stable order with an integer totalResults; attributes choose what returns")
    func paging() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                for n in 1...5 {
                    _ = try await SCIMEndpointTests.request(
                        .post, "/Users", client, key: service.apiKey,
                        body: SCIMCreateTests.entraCreate(userName: "user\(n)@acme.test", externalId: "e\(n)"))
                }
                let key = service.apiKey
                let all = try Self.userNames(await Self.list("startIndex=1", client, key: key))
                #expect(all.count == 5)
                let second = try await Self.list("startIndex=3&count=2", client, key: key)
                #expect(try Self.userNames(second) == Array(all[2..<4]))
                #expect(try second.json()["totalResults"] as? Int == 5)
                #expect(try second.json()["startIndex"] as? Int == 3)
                #expect(try second.json()["itemsPerPage"] as? Int == 2)
                let none = try await Self.list("count=0", client, key: key)
                #expect(try none.json()["totalResults"] as? Int == 5 && Self.userNames(none).isEmpty)

                let some = try await Self.list("attributes=userName,name.givenName&count=1", client, key: key)
                let resource = try #require((try some.json()["Resources"] as? [[String: Any]])?.first)
                #expect(Set(resource.keys) == ["id", "schemas", "userName", "name"])
                #expect((resource["name"] as? [String: Any]).map { Set($0.keys) } == ["givenName"])
                let without = try await Self.list("excludedAttributes=emails,meta&count=1", client, key: key)
                let trimmed = try #require((try without.json()["Resources"] as? [[String: Any]])?.first)
                #expect(trimmed["emails"] == nil && trimmed["meta"] == nil && trimmed["userName"] != nil)

                let searched = try await SCIMEndpointTests.request(
                    .post, "/Users/.search", client, key: key,
                    body:
                        #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "externalId eq \"e4\"", "startIndex": 1, "count": 10}"#
                )
                #expect(searched.status == .ok)
                #expect(try Self.userNames(searched) == ["user4@acme.test"])
            }
        }
    }
}
