import Foundation
import Testing

@testable import Avara

/// The events and webhook endpoints as the SDK reads and writes them, without a server: the examples below are
/// written by hand from openapi.yaml's schemas (EventList, Event, EventActor, WebhookEndpoint,
/// WebhookEndpointWithSecret, WebhookEndpointList, WebhookDelivery, WebhookDeliveryList), and the requests are
/// answered by a canned transport.
@Suite("Events and webhook endpoints on the wire")
struct EventsAndWebhooksWireTests {
    // MARK: - Examples of openapi.yaml's schemas

    /// An `EventList` page: a `user.updated` by an API key with its previous values, a `user.logged_in` by the
    /// user, an `invitation.expired` by the service itself (no surface, request or address), and a type this SDK
    /// does not know.
    static let eventPage = #"""
        {"data":[
          {"actor":{"id":"3f9a0c1d2e4b5a69","name":"PACS sync","type":"api_key"},"clientAddress":"203.0.113.7",
           "clinicId":"cln_01","createdAt":"2026-03-01T09:30:00.250Z",
           "data":{"email":"dr.lee@hospital.org","firstName":"Dana","lastName":"Lee","level":"admin",
                   "userId":"usr_0123456789abcdef0123456789abcdef"},
           "eventId":"evt_019ca8bbb6ba000000001a2b3c4d5e6f","previousValues":{"level":"member","middleName":null},
           "product":"viewer","requestId":"req_4f2a9c1e7b3d","surface":"api","type":"user.updated"},
          {"actor":{"id":"usr_0123456789abcdef0123456789abcdef","name":null,"type":"user"},
           "clientAddress":"198.51.100.23","clinicId":"cln_01","createdAt":"2026-03-01T09:29:58Z",
           "data":{"userId":"usr_0123456789abcdef0123456789abcdef"},"eventId":"evt_019ca8bbb6b2000000000f0e0d0c0b0a",
           "product":"autoScribe","requestId":"req_77aa00bb11cc","surface":"dashboard","type":"user.logged_in"},
          {"actor":{"id":null,"name":null,"type":"system"},"clientAddress":null,"clinicId":"cln_01",
           "createdAt":"2026-03-01T09:00:00.000Z","data":{"invitationStatus":"expired","userId":"usr_1"},
           "eventId":"evt_019ca8a0000000000000000000000001","product":"viewer","requestId":null,"surface":null,
           "type":"invitation.expired"},
          {"actor":{"id":null,"name":null,"type":"cli"},"clientAddress":null,"clinicId":"cln_01",
           "createdAt":"2026-03-01T08:00:00.000Z","data":{},"eventId":"evt_019ca800000000000000000000000000",
           "product":null,"requestId":null,"surface":"cli","type":"clinic.renamed"}
        ],"hasMore":true,"nextCursor":"eyJpZCI6ImV2dF8wMTljYTgwMCJ9+/="}
        """#

    static let endpoint = #"""
        {"createdAt":"2026-03-01T09:30:00.250Z","description":"Provisioning","disabledReason":null,
         "endpointId":"we_8c1f0e2d3b4a59687766554433221100","eventTypes":["user.invited","invitation.accepted"],
         "status":"enabled","updatedAt":"2026-03-01T09:30:00.250Z","url":"https://hooks.clinic.example/avara?src=1"}
        """#

    static let disabledEndpoint = #"""
        {"createdAt":"2026-02-01T10:00:00.000Z","description":null,
         "disabledReason":"the endpoint answered 410 Gone","endpointId":"we_00000000000000000000000000000001",
         "eventTypes":["user.deleted","webhook_endpoint.disabled"],"status":"disabled",
         "updatedAt":"2026-02-06T10:00:00.000Z","url":"https://old.clinic.example/hooks"}
        """#

    static let endpointWithSecret = #"""
        {"createdAt":"2026-03-01T09:30:00.250Z","description":"Provisioning","disabledReason":null,
         "endpointId":"we_8c1f0e2d3b4a59687766554433221100","eventTypes":["user.invited","invitation.accepted"],
         "secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=","status":"enabled",
         "updatedAt":"2026-03-01T09:30:00.250Z","url":"https://hooks.clinic.example/avara?src=1"}
        """#

    /// A `WebhookDeliveryList`, newest first: queued for a retry after a 503, sent, given up after a timeout, and
    /// one whose event was purged (no type).
    static let deliveries = #"""
        {"data":[
          {"attempts":1,"createdAt":"2026-03-01T09:30:00.300Z","eventId":"evt_019ca8bbb6ba000000001a2b3c4d5e6f",
           "eventType":"user.updated","lastAttemptAt":"2026-03-01T09:30:00.412Z","lastDurationMs":87,
           "lastError":"the endpoint answered 503","lastStatusCode":503,"nextAttemptAt":"2026-03-01T09:30:05.412Z",
           "status":"queued"},
          {"attempts":1,"createdAt":"2026-03-01T09:29:58.100Z","eventId":"evt_019ca8bbb6b2000000000f0e0d0c0b0a",
           "eventType":"user.logged_in","lastAttemptAt":"2026-03-01T09:29:58.200Z","lastDurationMs":41,
           "lastError":null,"lastStatusCode":204,"nextAttemptAt":null,"status":"sent"},
          {"attempts":8,"createdAt":"2026-02-24T09:00:00.000Z","eventId":"evt_019c00000000000000000000000000aa",
           "eventType":"api_key.created","lastAttemptAt":"2026-03-01T08:00:00.000Z","lastDurationMs":15000,
           "lastError":"timed out after 15 s","lastStatusCode":null,"nextAttemptAt":null,"status":"failed"},
          {"attempts":0,"createdAt":"2025-01-01T00:00:00.000Z","eventId":"evt_0190000000000000000000000000000b",
           "eventType":null,"lastAttemptAt":null,"lastDurationMs":null,"lastError":null,"lastStatusCode":null,
           "nextAttemptAt":null,"status":"paused"}
        ]}
        """#

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try WireFormat.decoder().decode(type, from: Data(json.utf8))
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try WireFormat.encoder().encode(value), as: UTF8.self)
    }

    /// `json` with its keys sorted and its whitespace between tokens gone, to compare with what the SDK writes.
    static func canonical(_ json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        )
        return String(decoding: data, as: UTF8.self)
    }

    static func date(_ text: String) throws -> Date {
        try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    // MARK: - Decoding

    @Test("an EventList page decodes: actors, nulls, previous values, a type this SDK does not know, the cursor")
    func eventPage() throws {
        let page = try Self.decode(EventPage.self, Self.eventPage)
        #expect(page.hasMore)
        #expect(page.nextCursor == "eyJpZCI6ImV2dF8wMTljYTgwMCJ9+/=")
        #expect(page.data.count == 4)

        let updated = page.data[0]
        #expect(updated.eventId == "evt_019ca8bbb6ba000000001a2b3c4d5e6f")
        #expect(updated.type == .userUpdated)
        #expect(updated.createdAt == (try Self.date("2026-03-01T09:30:00.250Z")))
        #expect(updated.clinicId == "cln_01")
        #expect(updated.product == "viewer")
        #expect(updated.actor == WebhookEventActor(type: "api_key", id: "3f9a0c1d2e4b5a69", name: "PACS sync"))
        #expect(updated.surface == "api")
        #expect(updated.requestId == "req_4f2a9c1e7b3d")
        #expect(updated.clientAddress == "203.0.113.7")
        #expect(updated.data["email"] == .string("dr.lee@hospital.org"))
        #expect(updated.previousValues == ["level": .string("member"), "middleName": .null])

        let loggedIn = page.data[1]
        #expect(loggedIn.type == .userLoggedIn)
        #expect(loggedIn.actor.name == nil)
        #expect(loggedIn.product == "autoScribe")
        #expect(loggedIn.createdAt == Date(timeIntervalSince1970: 1_772_357_398), "whole seconds decode too")
        #expect(loggedIn.previousValues == nil)

        let expired = page.data[2]
        #expect(expired.type == .invitationExpired)
        #expect(expired.actor == WebhookEventActor(type: "system", id: nil, name: nil))
        #expect(expired.surface == nil && expired.requestId == nil && expired.clientAddress == nil)

        let unknown = page.data[3]
        #expect(unknown.type == .unknown("clinic.renamed"))
        #expect(!unknown.type.isKnown)
        #expect(unknown.product == nil)
        #expect(unknown.data == .object([:]))
    }

    @Test("an event encodes back to the API's JSON: nulls kept, previousValues only when set")
    func eventRoundTrip() throws {
        let page = try Self.decode(EventPage.self, Self.eventPage)
        let expected = try Self.canonical(Self.eventPage)
        // The page's timestamps are written with milliseconds; the second event's came without.
        #expect(
            try Self.text(page)
                == expected.replacingOccurrences(of: "09:29:58Z", with: "09:29:58.000Z")
        )
        #expect(try Self.decode(EventPage.self, try Self.text(page)) == page)
    }

    @Test("a last page has no cursor")
    func lastEventPage() throws {
        let page = try Self.decode(EventPage.self, #"{"data":[],"hasMore":false,"nextCursor":null}"#)
        #expect(page == EventPage(data: [], hasMore: false, nextCursor: nil))
    }

    @Test("a WebhookEndpoint decodes, its URL with its query, and encodes back with its nulls")
    func endpoint() throws {
        let endpoint = try Self.decode(WebhookEndpoint.self, Self.endpoint)
        #expect(
            endpoint
                == WebhookEndpoint(
                    endpointId: "we_8c1f0e2d3b4a59687766554433221100",
                    url: URL(string: "https://hooks.clinic.example/avara?src=1")!,
                    eventTypes: [.userInvited, .invitationAccepted], description: "Provisioning", status: .enabled,
                    disabledReason: nil, createdAt: try Self.date("2026-03-01T09:30:00.250Z"),
                    updatedAt: try Self.date("2026-03-01T09:30:00.250Z")
                )
        )
        #expect(try Self.text(endpoint) == (try Self.canonical(Self.endpoint)))

        let disabled = try Self.decode(WebhookEndpoint.self, Self.disabledEndpoint)
        #expect(disabled.status == .disabled)
        #expect(disabled.description == nil)
        #expect(disabled.disabledReason == "the endpoint answered 410 Gone")
        #expect(disabled.eventTypes == [.userDeleted, .webhookEndpointDisabled])
        #expect(try Self.text(disabled) == (try Self.canonical(Self.disabledEndpoint)))
    }

    @Test("a status or event type this SDK does not know still decodes, and encodes back unchanged")
    func endpointForwardCompatibility() throws {
        let json = Self.endpoint.replacingOccurrences(of: #""status":"enabled""#, with: #""status":"paused""#)
            .replacingOccurrences(of: #""invitation.accepted""#, with: #""clinic.renamed""#)
        let endpoint = try Self.decode(WebhookEndpoint.self, json)
        #expect(endpoint.status == .unknown("paused"))
        #expect(!endpoint.status.isKnown)
        #expect(endpoint.eventTypes == [.userInvited, .unknown("clinic.renamed")])
        #expect(try Self.text(endpoint) == (try Self.canonical(json)))
    }

    @Test("a WebhookEndpointWithSecret decodes as the endpoint and its secret, and encodes back as one object")
    func endpointWithSecret() throws {
        let created = try Self.decode(WebhookEndpointWithSecret.self, Self.endpointWithSecret)
        #expect(created.endpoint == (try Self.decode(WebhookEndpoint.self, Self.endpoint)))
        #expect(created.secret == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=")
        #expect(try Self.text(created) == (try Self.canonical(Self.endpointWithSecret)))
        #expect(throws: DecodingError.self, "an endpoint without its secret is not one with a secret") {
            try Self.decode(WebhookEndpointWithSecret.self, Self.endpoint)
        }
    }

    @Test("a WebhookEndpointList decodes in the order given")
    func endpointList() throws {
        let list = try Self.decode(
            WebhookEndpointList.self, #"{"data":[\#(Self.disabledEndpoint),\#(Self.endpoint)]}"#
        )
        #expect(
            list.data.map(\.endpointId) == [
                "we_00000000000000000000000000000001", "we_8c1f0e2d3b4a59687766554433221100",
            ])
        #expect(try Self.decode(WebhookEndpointList.self, #"{"data":[]}"#).data.isEmpty)
    }

    @Test("a WebhookDeliveryList decodes: queued with its next attempt, sent, failed without an answer, no type")
    func deliveryList() throws {
        let deliveries = try Self.decode(WebhookDeliveryList.self, Self.deliveries).data
        #expect(deliveries.count == 4)
        #expect(
            deliveries[0]
                == WebhookDelivery(
                    eventId: "evt_019ca8bbb6ba000000001a2b3c4d5e6f", eventType: .userUpdated, status: .queued,
                    attempts: 1, lastStatusCode: 503, lastDurationMs: 87,
                    lastAttemptAt: try Self.date("2026-03-01T09:30:00.412Z"), lastError: "the endpoint answered 503",
                    nextAttemptAt: try Self.date("2026-03-01T09:30:05.412Z"),
                    createdAt: try Self.date("2026-03-01T09:30:00.300Z")
                )
        )
        #expect(deliveries[1].status == .sent && deliveries[1].lastStatusCode == 204 && deliveries[1].lastError == nil)
        #expect(deliveries[2].status == .failed && deliveries[2].attempts == 8 && deliveries[2].lastStatusCode == nil)
        #expect(deliveries[2].eventType == .apiKeyCreated)
        #expect(deliveries[3].eventType == nil)
        #expect(deliveries[3].status == .unknown("paused"))
        #expect(deliveries[3].lastAttemptAt == nil && deliveries[3].nextAttemptAt == nil)
        // Written back with its nulls; its timestamps are compared once read again, for the SDK's encoder truncates
        // them to the millisecond (see `encoderTruncatesMilliseconds`).
        for (delivery, json) in zip(deliveries, try Self.deliveryObjects()) {
            let written = try JSONSerialization.jsonObject(with: try WireFormat.encoder().encode(delivery))
            let expected = try JSONSerialization.jsonObject(with: Data(json.utf8))
            #expect(
                (written as? [String: Any]).map { Set($0.keys) } == (expected as? [String: Any]).map { Set($0.keys) })
            #expect(try Self.text(delivery).contains(#""lastError":"#))
            let again = try WireFormat.decoder().decode(
                WebhookDelivery.self, from: WireFormat.encoder().encode(delivery))
            #expect(again.eventId == delivery.eventId && again.eventType == delivery.eventType)
            #expect(again.lastStatusCode == delivery.lastStatusCode && again.lastError == delivery.lastError)
            #expect(abs(again.createdAt.timeIntervalSince(delivery.createdAt)) < 0.001)
        }
    }

    @Test("the SDK's encoder (WireFormat) writes a timestamp read as .300 as .300, not .299")
    func encoderRoundsMilliseconds() throws {
        let delivery = try Self.decode(WebhookDeliveryList.self, Self.deliveries).data[0]
        let text = try Self.text(delivery)
        #expect(text.contains(#""createdAt":"2026-03-01T09:30:00.300Z""#))
    }

    /// The deliveries of ``deliveries``, one canonical JSON object each.
    static func deliveryObjects() throws -> [String] {
        let list = try JSONSerialization.jsonObject(with: Data(deliveries.utf8)) as? [String: Any]
        let objects = list?["data"] as? [Any] ?? []
        return try objects.map { object in
            String(
                decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self
            )
        }
    }
}
