import Avara
import AvaraCore
import AvaraService
import AvaraTestSupport
import Foundation
import Testing

@Suite("Webhook endpoints through the SDK")
struct WebhookEndpointsThroughSDKTests {
    @Test("an endpoint made by the SDK receives the invite's event, which the SDK verifies and finds in the audit log")
    func deliveryVerifiedBySDK() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { port in
            try await LiveService.run(configure: { $0.allowsInsecureWebhooks = true }) { service in
                let client = service.client()
                let created = try await client.webhookEndpoints.create(
                    url: try #require(URL(string: "http://127.0.0.1:\(port)/hook")), eventTypes: [.userInvited],
                    description: "PACS"
                )
                #expect(created.secret.hasPrefix("whsec_"))
                #expect(created.endpoint.status == .enabled)
                #expect(created.endpoint.description == "PACS")

                let user = try await client.viewer.users.invite(
                    canManageStudies: true, clinicRole: .radiologist, email: "a@clinic.org", firstName: "A",
                    hasDashboardAccess: false, lastName: "B", level: .member
                )
                for _ in 0..<200 where receiver.received.isEmpty {
                    try await Task.sleep(for: .milliseconds(25))
                }
                let received = try #require(receiver.received.first)
                let event = try Webhooks(secret: created.secret).verify(
                    payload: Data(received.body), headers: received.headerValues)
                #expect(event.type == .userInvited)
                #expect(event.data["userId"] == .string(user.userId))
                let logged = try await client.events.list(type: .userInvited).page().data
                #expect(logged == [event], "the delivery is the audit log's event")
                #expect(receiver.received.count == 1, "no other type was asked for")

                var deliveries = try await client.webhookEndpoints.deliveries(endpointId: created.endpoint.endpointId)
                for _ in 0..<100 where deliveries.first?.status != .sent {
                    try await Task.sleep(for: .milliseconds(25))
                    deliveries = try await client.webhookEndpoints.deliveries(endpointId: created.endpoint.endpointId)
                }
                let delivery = try #require(deliveries.first)
                #expect(delivery.eventId == event.eventId)
                #expect(delivery.status == .sent)
                #expect(delivery.lastStatusCode == 204)
                #expect(delivery.attempts == 1)

                try await client.webhookEndpoints.retry(endpointId: created.endpoint.endpointId, eventId: event.eventId)
                for _ in 0..<200 where receiver.received.count < 2 {
                    try await Task.sleep(for: .milliseconds(25))
                }
                let again = try #require(receiver.received.dropFirst().first)
                #expect(again.header("webhook-id") == event.eventId, "a redelivery keeps the event's id")
                #expect(again.body == received.body)
            }
        }
    }

    @Test("list, retrieve, update, rotate and delete an endpoint; its changes are events")
    func lifecycle() async throws {
        try await LiveService.run(configure: { $0.allowsInsecureWebhooks = true }) { service in
            let client = service.client()
            let url = try #require(URL(string: "http://127.0.0.1:9/hook"))
            let created = try await client.webhookEndpoints.create(
                url: url, eventTypes: [.userInvited, .userDeleted], description: "HR feed")
            let id = created.endpoint.endpointId
            #expect(try await client.webhookEndpoints.list() == [created.endpoint])
            #expect(try await client.webhookEndpoints.retrieve(endpointId: id) == created.endpoint)

            let updated = try await client.webhookEndpoints.update(
                endpointId: id, eventTypes: [.userUpdated], description: .null, status: .disabled)
            #expect(updated.eventTypes == [.userUpdated])
            #expect(updated.description == nil)
            #expect(updated.status == .disabled)
            #expect(updated.url == url, "what was not given stays")

            let rotated = try await client.webhookEndpoints.rotateSecret(endpointId: id)
            #expect(rotated.secret.hasPrefix("whsec_") && rotated.secret != created.secret)

            try await client.webhookEndpoints.delete(endpointId: id)
            let gone = try await #require(throws: AvaraError.self) {
                try await client.webhookEndpoints.retrieve(endpointId: id)
            }
            #expect(gone.kind == .notFound)
            #expect(try await client.webhookEndpoints.list().isEmpty)

            var types: [WebhookEventType] = []
            for try await event in client.events.list(order: .oldest) { types.append(event.type) }
            #expect(
                types == [
                    .webhookEndpointCreated, .webhookEndpointUpdated, .webhookEndpointUpdated,
                    .webhookEndpointDeleted,
                ],
                "the rotation is an update; no event carries the secret")
        }
    }

    @Test("a URL that breaks the rules is refused, naming the field")
    func refusedURL() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let error = try await #require(throws: AvaraError.self) {
                try await client.webhookEndpoints.create(
                    url: try #require(URL(string: "https://127.0.0.1/hook")), eventTypes: [.userInvited])
            }
            #expect(error.kind == .unprocessableEntity)
            #expect(error.fieldErrors.map(\.field) == ["url"])
        }
    }
}
