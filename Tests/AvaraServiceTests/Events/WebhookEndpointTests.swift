import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

extension TestClientProtocol {
    /// `method` on `/v1/webhookEndpoints` + `path` with `body` as JSON.
    func webhooks(
        _ method: HTTPRequest.Method, _ path: String = "", _ body: [String: JSONValue]? = nil, key: String
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(key)"]
        if body != nil { headers[.contentType] = "application/json" }
        return try await executeRequest(
            uri: "/v1/webhookEndpoints" + path, method: method, headers: headers,
            body: try body.map { ByteBuffer(bytes: try JSONValue.encode($0)) }
        )
    }
}

@Suite("Webhook endpoints")
struct WebhookEndpointTests {
    static let receiver = "https://203.0.113.10/avara-events"

    /// Creates an endpoint for `types` and answers its JSON.
    static func create(
        _ client: some TestClientProtocol, _ service: TestService, url: String = receiver,
        types: [String] = ["user.invited"]
    ) async throws -> [String: Any] {
        let response = try await client.webhooks(
            .post, "", ["url": .string(url), "eventTypes": .array(types.map(JSONValue.string))], key: service.apiKey)
        try #require(response.status == .created, "\(String(buffer: response.body))")
        return try response.json()
    }

    @Test("created with its secret shown once; listed, read, changed and deleted, each change an event")
    func lifecycle() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let created = try await Self.create(client, service, types: ["user.updated", "user.invited"])
                let id = try #require(created["endpointId"] as? String)
                let secret = try #require(created["secret"] as? String)
                #expect(id.wholeMatch(of: /we_[0-9a-f]{32}/) != nil)
                #expect(secret.hasPrefix("whsec_") && Data(base64Encoded: String(secret.dropFirst(6)))?.count == 32)
                #expect(created["eventTypes"] as? [String] == ["user.invited", "user.updated"])
                #expect(created["status"] as? String == "enabled")
                let stored = try await service.strings("SELECT secret FROM webhook_endpoints", column: "secret")
                #expect(stored.count == 1 && !stored[0].contains(secret.dropFirst(6)), "stored sealed")

                let listed = try await client.webhooks(.get, key: key)
                #expect((try listed.json()["data"] as? [[String: Any]])?.map { $0["secret"] == nil } == [true])
                let read = try await client.webhooks(.get, "/\(id)", key: key)
                #expect(try read.json()["url"] as? String == Self.receiver)

                let changed = try await client.webhooks(
                    .patch, "/\(id)", ["description": "PACS", "status": "disabled"], key: key)
                #expect(changed.status == .ok)
                #expect(try changed.json()["disabledReason"] as? String == "disabled by the clinic")
                let enabled = try await client.webhooks(.patch, "/\(id)", ["status": "enabled"], key: key)
                #expect(try enabled.json()["disabledReason"] is NSNull)

                let rotated = try await client.webhooks(.post, "/\(id)/rotateSecret", key: key)
                #expect(rotated.status == .ok)
                #expect(
                    (try rotated.json()["secret"] as? String).map { $0 != secret && $0.hasPrefix("whsec_") } == true)

                #expect(try await client.webhooks(.delete, "/\(id)", key: key).status == .noContent)
                #expect(try await client.webhooks(.get, "/\(id)", key: key).status == .notFound)
                let types = try await client.eventTypes(key: key)
                #expect(
                    types == [
                        "webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.updated",
                        "webhook_endpoint.updated", "webhook_endpoint.deleted",
                    ])
                let text = try await client.events(key: key).events.map { "\($0)" }.joined()
                #expect(!text.contains(secret.dropFirst(6)), "no event holds the secret")
            }
        }
    }

    @Test("an event is queued for each enabled endpoint that wants its type, and for no other")
    func fanOut() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let invited = try await Self.create(client, service, types: ["user.invited"])
                _ = try await Self.create(client, service, types: ["user.deleted"])
                let disabled = try #require(try await Self.create(client, service)["endpointId"] as? String)
                _ = try await client.webhooks(.patch, "/\(disabled)", ["status": "disabled"], key: service.apiKey)
                let other = try await service.createClinic("Other Imaging")
                _ = try await client.webhooks(
                    .post, "", ["url": .string(Self.receiver), "eventTypes": .array(["user.invited"])],
                    key: other.apiKey)

                _ = try await InvitationLifecycleTests.invite(.viewer, client, service)
                let deliveries = try await service.strings(
                    "SELECT recipient FROM outbox WHERE kind = 'webhook'", column: "recipient")
                #expect(deliveries == [try #require(invited["endpointId"] as? String)])
                let eventIds = try await service.strings(
                    "SELECT event_id FROM outbox WHERE kind = 'webhook'", column: "event_id")
                let invitedEvent = try await client.events("type=user.invited", key: service.apiKey).events
                #expect(eventIds == invitedEvent.compactMap { $0["eventId"] as? String })
            }
        }
    }

    @Test(
        "a URL that is not https, holds credentials, or leads to loopback, private, link-local or metadata addresses is refused",
        arguments: [
            "http://203.0.113.10/x", "https://user:pw@203.0.113.10/x", "https://127.0.0.1/x", "https://10.1.2.3/x",
            "https://192.168.0.5/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x",
            "https://[fd00::1]/x", "https://localhost/x", "not a url", "ftp://203.0.113.10/x",
        ])
    func unsafeURLs(url: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.webhooks(
                    .post, "", ["url": .string(url), "eventTypes": .array(["user.invited"])], key: service.apiKey)
                #expect(response.status.code == 422)
                #expect(try response.decode(ProblemBody.self).errors?.map(\.field) == ["url"])
            }
        }
    }

    @Test("with --allow-insecure-webhooks, http:// and loopback addresses are taken")
    func insecureAllowed() async throws {
        try await TestService.with(configure: { $0.allowsInsecureWebhooks = true }) { service in
            try await service.app().test(.router) { client in
                _ = try await Self.create(client, service, url: "http://127.0.0.1:9/hook")
            }
        }
    }

    @Test("every field in the wrong is named at once; another clinic's endpoint is not found")
    func validation() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.webhooks(
                    .post, "", ["eventTypes": .array(["user.exploded"]), "description": 5, "status": "enabled"],
                    key: service.apiKey)
                #expect(response.status.code == 422)
                #expect(
                    Set(try response.decode(ProblemBody.self).errors?.map(\.field) ?? [])
                        == ["url", "eventTypes", "description", "status"])
                let id = try #require(try await Self.create(client, service)["endpointId"] as? String)
                let other = try await service.createClinic("Other Imaging")
                #expect(try await client.webhooks(.get, "/\(id)", key: other.apiKey).status == .notFound)
                #expect(try await client.webhooks(.delete, "/\(id)", key: other.apiKey).status == .notFound)
                #expect(
                    try await client.webhooks(.post, "/\(id)/deliveries/evt_x/retry", key: service.apiKey).status
                        == .notFound)
            }
        }
    }
}
