import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("SCIM endpoints")
struct SCIMEndpointTests {
    /// `method path` under `/scim/v2/{product}` with the clinic's key as bearer token (or `authorization`).
    static func request(
        _ method: HTTPRequest.Method, _ path: String, product: Product = .viewer, _ client: some TestClientProtocol,
        key: String?, body: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/scim+json"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        return try await client.executeRequest(
            uri: "/scim/v2/\(product.pathComponent)\(path)", method: method, headers: headers,
            body: body.map { ByteBuffer(string: $0) })
    }

    @Test("discovery: the features, the User resource type and the schemas of each product, read-only")
    func discovery() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let config = try await Self.request(.get, "/ServiceProviderConfig", client, key: service.apiKey)
                #expect(config.status == .ok)
                #expect(config.headers[.contentType] == "application/scim+json")
                let features = try config.json()
                #expect((features["patch"] as? [String: Any])?["supported"] as? Bool == true)
                #expect((features["bulk"] as? [String: Any])?["supported"] as? Bool == false)
                #expect((features["filter"] as? [String: Any])?["maxResults"] as? Int == 100)

                let types = try await Self.request(.get, "/ResourceTypes", client, key: service.apiKey).json()
                #expect(types["totalResults"] as? Int == 1)
                for product in Product.allCases {
                    let schemas = try await Self.request(
                        .get, "/Schemas", product: product, client, key: service.apiKey
                    ).json()
                    let resources = try #require(schemas["Resources"] as? [[String: Any]])
                    #expect(resources.map { $0["id"] as? String } == [SCIMSchemaURN.user, SCIMSchemaURN.avaraUser])
                    let extensionAttributes = try #require(resources[1]["attributes"] as? [[String: Any]])
                    #expect(
                        extensionAttributes.contains { $0["name"] as? String == "npiNumber" } == product.takesReports)
                    let one = try await Self.request(
                        .get, "/Schemas/\(SCIMSchemaURN.avaraUser)", product: product, client, key: service.apiKey)
                    #expect(one.status == .ok)
                }
                let write = try await Self.request(
                    .put, "/ServiceProviderConfig", client, key: service.apiKey, body: "{}")
                #expect(write.status == .methodNotAllowed)
                #expect(try write.json()["status"] as? String == "405")
            }
        }
    }

    @Test("errors are SCIM's: no key, another product, an unknown path, another clinic's user")
    func errors() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let anonymous = try await Self.request(.get, "/ServiceProviderConfig", client, key: nil)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.headers[.contentType] == "application/scim+json")
                #expect(try anonymous.json()["schemas"] as? [String] == [SCIMSchemaURN.error])
                let unknown = try await client.executeRequest(
                    uri: "/scim/v2/pacs/Users", method: .get, headers: [.authorization: "Bearer \(service.apiKey)"],
                    body: nil)
                #expect(unknown.status == .notFound)
                #expect(try unknown.json()["status"] as? String == "404")

                let other = try await service.createClinic("Other Imaging")
                let invited = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: other.apiKey)
                let foreignId = try #require(try invited.json()["userId"] as? String)
                let foreign = try await Self.request(.get, "/Users/\(foreignId)", client, key: service.apiKey)
                #expect(foreign.status == .notFound)
                #expect(try foreign.json()["schemas"] as? [String] == [SCIMSchemaURN.error])
            }
        }
    }

    @Test("a user as a SCIM resource, and its removal as the API's delete")
    func userResource() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.minimal(.autoScribe, email: "dr.lee@acme.test")
                body["phoneNumber"] = .string("5551234567")
                let invited = try await client.invite(.autoScribe, body, key: service.apiKey)
                let userId = try #require(try invited.json()["userId"] as? String)
                let shown = try await Self.request(
                    .get, "/Users/\(userId)", product: .autoScribe, client, key: service.apiKey)
                #expect(shown.status == .ok)
                let resource = try shown.json()
                #expect(resource["id"] as? String == userId)
                #expect(resource["userName"] as? String == "dr.lee@acme.test")
                #expect(resource["active"] as? Bool == true)
                #expect((resource["name"] as? [String: Any])?["givenName"] as? String == "Sarah")
                #expect((resource["phoneNumbers"] as? [[String: Any]])?.first?["value"] as? String == "5551234567")
                let avara = try #require(resource[SCIMSchemaURN.avaraUser] as? [String: Any])
                #expect(avara["clinicRole"] as? String == "Radiologist")
                #expect(avara["canCreateReports"] as? Bool == false)
                let meta = try #require(resource["meta"] as? [String: Any])
                #expect(meta["location"] as? String == "https://avara.example.org/scim/v2/autoScribe/Users/\(userId)")

                let removed = try await Self.request(
                    .delete, "/Users/\(userId)", product: .autoScribe, client, key: service.apiKey)
                #expect(removed.status == .noContent)
                let gone = try await Self.request(
                    .get, "/Users/\(userId)", product: .autoScribe, client, key: service.apiKey)
                #expect(gone.status == .notFound)
                let events = try await service.environment.services.events.page(
                    context: .cli(service.clinic), filter: EventFilter(subjectId: userId), order: .newest, after: nil,
                    limit: 1)
                #expect(events.events.first?.type == .userDeleted)
                #expect(events.events.first?.surface == .scim)
            }
        }
    }

    @Test("SCIM shares the key's rate limit with the REST API; past it, a SCIM 429 with Retry-After")
    func rateLimited() async throws {
        try await TestService.with(configure: {
            $0.rateLimit = 1
            $0.rateLimitBurst = 2
            $0.clinicRateLimit = 0
        }) { service in
            try await service.app().test(.router) { client in
                #expect(try await RateLimitTests.list(client, key: service.apiKey).status == .ok)
                let missing = try await Self.request(
                    .get, "/Users/usr_0123456789abcdef0123456789abcdef", client, key: service.apiKey)
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType] == "application/scim+json")
                let refused = try await Self.request(.get, "/Users", client, key: service.apiKey)
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers[.contentType] == "application/scim+json")
                #expect(refused.headers[.retryAfter] == "1")
                #expect(try refused.json()["status"] as? String == "429")
            }
        }
    }
}
