import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService

@Suite("Webhook deliveries")
struct WebhookDeliveryTests {
    /// A service that may deliver to loopback, with an endpoint for `types` at the receiver's `port`.
    static func endpoint(
        _ client: some TestClientProtocol, _ service: TestService, port: Int, types: [String] = ["user.invited"]
    ) async throws -> (id: String, secret: String) {
        let created = try await WebhookEndpointTests.create(
            client, service, url: "http://127.0.0.1:\(port)/hook", types: types)
        return (try #require(created["endpointId"] as? String), try #require(created["secret"] as? String))
    }

    /// One pass of the webhook lane.
    @discardableResult
    static func deliver(_ service: TestService) async throws -> Int {
        try await service.environment.outboxDispatcher().deliverDueMessages(of: service.environment.webhookChannel())
    }

    @Test("an invite reaches the receiver as the event's JSON, signed, with webhook-id the event's id")
    func delivered() async throws {
        try await TestService.with(configure: { $0.allowsInsecureWebhooks = true }) { service in
            try await service.app().test(.router) { client in
                let receiver = WebhookReceiver()
                try await receiver.run { port in
                    let (endpointId, secret) = try await Self.endpoint(client, service, port: port)
                    let userId = try await InvitationLifecycleTests.invite(.viewer, client, service)
                    #expect(try await Self.deliver(service) == 1)
                    #expect(try await Self.deliver(service) == 0, "delivered once")
                    let received = try #require(receiver.received.first)
                    #expect(receiver.received.count == 1)
                    let event = try #require(
                        try await client.events("type=user.invited", key: service.apiKey).events.first)
                    #expect(received.header("webhook-id") == event["eventId"] as? String)
                    #expect(received.header("webhook-timestamp") == "1772357400")
                    #expect(received.header("content-type") == "application/json")
                    #expect(WebhookReceiver.verifies(received, secret: secret))
                    #expect(NSDictionary(dictionary: received.json) == NSDictionary(dictionary: event))
                    #expect(received.json["type"] as? String == "user.invited")
                    #expect((received.json["data"] as? [String: Any])?["userId"] as? String == userId)

                    let deliveries = try await client.webhooks(.get, "/\(endpointId)/deliveries", key: service.apiKey)
                    let listed = try #require((try deliveries.json()["data"] as? [[String: Any]])?.first)
                    #expect(listed["status"] as? String == "sent")
                    #expect(listed["lastStatusCode"] as? Int == 204)
                    #expect(listed["attempts"] as? Int == 1)
                }
            }
        }
    }

    @Test("a receiver down for a while gets the event once it is back, on the retry schedule; then once only")
    func retriedUntilBack() async throws {
        try await TestService.with(configure: { $0.allowsInsecureWebhooks = true }) { service in
            try await service.app().test(.router) { client in
                let receiver = WebhookReceiver()
                try await receiver.run { port in
                    let (endpointId, _) = try await Self.endpoint(client, service, port: port)
                    receiver.answer(.serviceUnavailable, .internalServerError, .badGateway, .ok)
                    _ = try await InvitationLifecycleTests.invite(.viewer, client, service)
                    #expect(try await Self.deliver(service) == 1)
                    #expect(try await Self.deliver(service) == 0, "not due before its retry")
                    // 5 s, then 5 min, then 30 min (each ±10 %).
                    for wait in [5.5, 330, 1980] {
                        service.clock.advance(by: wait)
                        #expect(try await Self.deliver(service) == 1)
                    }
                    service.clock.advance(by: 86_400)
                    #expect(try await Self.deliver(service) == 0)
                    #expect(receiver.received.count == 4)
                    #expect(Set(receiver.received.compactMap { $0.header("webhook-id") }).count == 1)
                    let deliveries = try await client.webhooks(.get, "/\(endpointId)/deliveries", key: service.apiKey)
                    let listed = try #require((try deliveries.json()["data"] as? [[String: Any]])?.first)
                    #expect(listed["status"] as? String == "sent")
                    #expect(listed["attempts"] as? Int == 4)
                }
            }
        }
    }

    @Test("410 disables the endpoint at once, with an event saying so; a 400 is given up without retries")
    func goneDisables() async throws {
        try await TestService.with(configure: { $0.allowsInsecureWebhooks = true }) { service in
            try await service.app().test(.router) { client in
                let receiver = WebhookReceiver()
                try await receiver.run { port in
                    let (endpointId, _) = try await Self.endpoint(client, service, port: port)
                    receiver.answer(.badRequest, .gone)
                    _ = try await InvitationLifecycleTests.invite(.viewer, client, service, email: "a@hospital.org")
                    #expect(try await Self.deliver(service) == 1)
                    service.clock.advance(by: 3600)
                    #expect(try await Self.deliver(service) == 0, "a 400 is not retried")
                    _ = try await InvitationLifecycleTests.invite(.viewer, client, service, email: "b@hospital.org")
                    #expect(try await Self.deliver(service) == 1)
                    let endpoint = try await client.webhooks(.get, "/\(endpointId)", key: service.apiKey)
                    #expect(try endpoint.json()["status"] as? String == "disabled")
                    #expect(try endpoint.json()["disabledReason"] as? String == "the endpoint answered 410 Gone")
                    let disabled = try await client.events("type=webhook_endpoint.disabled", key: service.apiKey)
                    #expect(disabled.events.count == 1)
                    #expect(disabled.events.first?.object("actor")["type"] as? String == "system")
                    _ = try await InvitationLifecycleTests.invite(.viewer, client, service, email: "c@hospital.org")
                    #expect(try await Self.deliver(service) == 0, "nothing is queued for a disabled endpoint")
                    #expect(receiver.received.count == 2)

                    // Turned back on, and a delivery retried by hand.
                    receiver.answer(.ok)
                    _ = try await client.webhooks(.patch, "/\(endpointId)", ["status": "enabled"], key: service.apiKey)
                    let first = try #require(receiver.received.first?.header("webhook-id"))
                    let retry = try await client.webhooks(
                        .post, "/\(endpointId)/deliveries/\(first)/retry", key: service.apiKey)
                    #expect(retry.status == .accepted)
                    #expect(try await Self.deliver(service) == 1)
                    #expect(receiver.received.last?.header("webhook-id") == first)
                }
            }
        }
    }

    @Test("during a rotation both secrets sign; after 24 hours only the new one")
    func rotation() async throws {
        try await TestService.with(configure: { $0.allowsInsecureWebhooks = true }) { service in
            try await service.app().test(.router) { client in
                let receiver = WebhookReceiver()
                try await receiver.run { port in
                    let (endpointId, old) = try await Self.endpoint(client, service, port: port)
                    let rotated = try await client.webhooks(.post, "/\(endpointId)/rotateSecret", key: service.apiKey)
                    let new = try #require(try rotated.json()["secret"] as? String)
                    _ = try await InvitationLifecycleTests.invite(.viewer, client, service, email: "a@hospital.org")
                    try await Self.deliver(service)
                    let during = try #require(receiver.received.last)
                    #expect(during.header("webhook-signature")?.split(separator: " ").count == 2)
                    #expect(
                        WebhookReceiver.verifies(during, secret: old) && WebhookReceiver.verifies(during, secret: new))
                    service.clock.advance(by: 24 * 3600 + 1)
                    _ = try await InvitationLifecycleTests.invite(.viewer, client, service, email: "b@hospital.org")
                    try await Self.deliver(service)
                    let after = try #require(receiver.received.last)
                    #expect(
                        !WebhookReceiver.verifies(after, secret: old) && WebhookReceiver.verifies(after, secret: new))
                }
            }
        }
    }

    @Test("an endpoint whose deliveries all failed for 5 days is disabled")
    func failingForFiveDays() async throws {
        try await TestService.with(configure: { $0.allowsInsecureWebhooks = true }) { service in
            try await service.app().test(.router) { client in
                let receiver = WebhookReceiver()
                try await receiver.run { port in
                    let (endpointId, _) = try await Self.endpoint(client, service, port: port)
                    receiver.answer(.internalServerError)
                    for day in 0..<6 {
                        _ = try await InvitationLifecycleTests.invite(
                            .viewer, client, service, email: "day\(day)@hospital.org")
                        try await Self.deliver(service)
                        service.clock.advance(by: 86_400)
                    }
                    let endpoint = try await client.webhooks(.get, "/\(endpointId)", key: service.apiKey)
                    #expect(try endpoint.json()["status"] as? String == "disabled")
                    #expect(try endpoint.json()["disabledReason"] as? String == "every delivery failed for 5 days")
                    // The retries due on the last day all found it failing: one of them disabled it, once.
                    let disabled = try await client.events("type=webhook_endpoint.disabled", key: service.apiKey)
                    #expect(disabled.events.count == 1)
                }
            }
        }
    }
}
