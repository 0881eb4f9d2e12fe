import Foundation
import Synchronization
import Testing

@testable import Avara

/// What the SDK sends for events and webhook endpoints, without a server: the request bodies, the list query, and
/// the calls answered by a canned transport with the examples of ``EventsAndWebhooksWireTests``.
@Suite("Events and webhook endpoints: the requests")
struct EventsAndWebhooksRequestTests {
    private typealias Fixtures = EventsAndWebhooksWireTests

    // MARK: - Request bodies

    @Test("a create body has the URL, the types and the description; no description, no key")
    func createBody() throws {
        let url = URL(string: "https://hooks.clinic.example/avara?src=1")!
        #expect(
            try Fixtures.text(
                WebhookEndpointCreateParams(url: url, eventTypes: [.userInvited, .apiKeyRevoked], description: "PACS")
            )
                == #"{"description":"PACS","eventTypes":["user.invited","api_key.revoked"],"url":"https://hooks.clinic.example/avara?src=1"}"#
        )
        #expect(
            try Fixtures.text(WebhookEndpointCreateParams(url: url, eventTypes: [.userDeleted], description: nil))
                == #"{"eventTypes":["user.deleted"],"url":"https://hooks.clinic.example/avara?src=1"}"#
        )
    }

    @Test("an update body holds only the fields given; a cleared description is null, an untouched one absent")
    func updateBody() throws {
        #expect(try Fixtures.text(WebhookEndpointUpdateParams()) == "{}")
        #expect(try Fixtures.text(WebhookEndpointUpdateParams(description: .null)) == #"{"description":null}"#)
        #expect(
            try Fixtures.text(WebhookEndpointUpdateParams(description: "Billing")) == #"{"description":"Billing"}"#
        )
        #expect(
            try Fixtures.text(WebhookEndpointUpdateParams(status: .enabled)) == #"{"status":"enabled"}"#,
            "no description key at all when it is left alone"
        )
        #expect(
            try Fixtures.text(
                WebhookEndpointUpdateParams(
                    url: URL(string: "https://new.clinic.example/hooks")!, eventTypes: [.invitationEmailFailed],
                    description: Nullable(nil), status: .disabled
                )
            )
                == #"{"description":null,"eventTypes":["invitation.email_failed"],"status":"disabled","url":"https://new.clinic.example/hooks"}"#
        )
    }

    // MARK: - The query of events.list

    @Test("the events query: only the filters given, the order always, timestamps in UTC with milliseconds")
    func eventsQuery() throws {
        let since = try Fixtures.date("2026-03-01T09:30:00.300Z")
        let until = try Fixtures.date("2026-03-02T00:00:00.000Z")
        let all = EventListQuery(
            type: .invitationEmailFailed, userId: "usr_0123456789abcdef0123456789abcdef", actorId: "3f9a0c1d2e4b5a69",
            since: since, until: until, order: .oldest, limit: 100
        )
        #expect(
            all.encoded(after: nil)
                == "?limit=100&order=oldest&type=invitation.email_failed&userId=usr_0123456789abcdef0123456789abcdef"
                + "&actorId=3f9a0c1d2e4b5a69&since=2026-03-01T09:30:00.300Z&until=2026-03-02T00:00:00.000Z",
            "written to the nearest millisecond, not truncated to .299"
        )
        let none = EventListQuery(
            type: nil, userId: nil, actorId: nil, since: nil, until: nil, order: .newest, limit: nil
        )
        #expect(none.encoded(after: nil) == "?order=newest")
        #expect(
            none.encoded(after: "eyJpZCI6ImV2dF8wMTljYTgwMCJ9+/=")
                == "?order=newest&after=eyJpZCI6ImV2dF8wMTljYTgwMCJ9%2B/%3D",
            "a cursor's + is sent as %2B, not as a space"
        )
        let odd = EventListQuery(
            type: .unknown("a&b=c"), userId: "usr 1", actorId: nil, since: nil, until: nil, order: .newest,
            limit: nil
        )
        #expect(odd.encoded(after: nil) == "?order=newest&type=a%26b%3Dc&userId=usr%201")
    }

    @Test(
        "query timestamps are rounded to the nearest millisecond, before 1970 too",
        arguments: [
            (1_772_357_400.2999999, "2026-03-01T09:30:00.300Z"), (1_772_357_400.0004, "2026-03-01T09:30:00.000Z"),
            (1_772_357_400.9996, "2026-03-01T09:30:01.000Z"), (-0.25, "1969-12-31T23:59:59.750Z"),
        ])
    func queryTimestamps(seconds: Double, text: String) {
        #expect(WireFormat.timestamp(Date(timeIntervalSince1970: seconds)) == text)
    }

    // MARK: - Through a canned transport

    @Test("events.list iterates every page, asking for the next with the same query and the cursor")
    func eventsListPages() async throws {
        let first = Fixtures.eventPage
        let second = #"{"data":[],"hasMore":false,"nextCursor":null}"#
        let transport = CannedTransport([
            .init(status: 200, body: first), .init(status: 200, body: second), .init(status: 200, body: second),
        ])
        let client = AvaraClient(
            apiKey: "avk_test", baseURL: URL(string: "https://avara.example/")!, transport: transport
        )
        var ids: [String] = []
        for try await event in client.events.list(type: .userUpdated, order: .oldest, limit: 4) {
            ids.append(event.eventId)
        }
        #expect(ids.count == 4)
        let requests = transport.requests
        #expect(requests.map(\.method) == ["GET", "GET"])
        #expect(
            requests.map(\.url.absoluteString) == [
                "https://avara.example/v1/events?limit=4&order=oldest&type=user.updated",
                "https://avara.example/v1/events?limit=4&order=oldest&type=user.updated"
                    + "&after=eyJpZCI6ImV2dF8wMTljYTgwMCJ9%2B/%3D",
            ]
        )

        let page = try await client.events.list().page(after: "abc")
        #expect(page.data.isEmpty)
        #expect(transport.requests.last?.url.absoluteString == "https://avara.example/v1/events?order=newest&after=abc")
    }

    @Test("the webhook endpoint calls use the spec's methods and paths, ids percent-encoded")
    func webhookEndpointCalls() async throws {
        let transport = CannedTransport([
            .init(status: 200, body: #"{"data":[\#(Fixtures.endpoint)]}"#),
            .init(status: 201, body: Fixtures.endpointWithSecret),
            .init(status: 200, body: Fixtures.endpoint),
            .init(status: 200, body: Fixtures.disabledEndpoint),
            .init(status: 204, body: ""),
            .init(status: 200, body: Fixtures.endpointWithSecret),
            .init(status: 200, body: Fixtures.deliveries),
            .init(status: 202, body: ""),
        ])
        let client = AvaraClient(
            apiKey: "avk_test", baseURL: URL(string: "https://avara.example")!, transport: transport)
        let endpoints = client.webhookEndpoints
        let id = "we_8c1f0e2d3b4a59687766554433221100"

        #expect(try await endpoints.list().map(\.endpointId) == [id])
        let created = try await endpoints.create(
            url: URL(string: "https://hooks.clinic.example/avara?src=1")!, eventTypes: [.userInvited],
            description: "Provisioning"
        )
        #expect(created.secret.hasPrefix("whsec_"))
        #expect(try await endpoints.retrieve(endpointId: id).endpointId == id)
        #expect(
            try await endpoints.update(endpointId: "we/1", description: .null, status: .disabled).status == .disabled)
        try await endpoints.delete(endpointId: id)
        #expect(try await endpoints.rotateSecret(endpointId: id).endpoint.endpointId == id)
        #expect(try await endpoints.deliveries(endpointId: id, limit: 4).count == 4)
        try await endpoints.retry(endpointId: id, eventId: "evt_019ca8bbb6ba000000001a2b3c4d5e6f")

        let base = "https://avara.example/v1/webhookEndpoints"
        let requests = transport.requests
        #expect(
            requests.map { "\($0.method) \($0.url.absoluteString)" } == [
                "GET \(base)", "POST \(base)", "GET \(base)/\(id)", "PATCH \(base)/we%2F1", "DELETE \(base)/\(id)",
                "POST \(base)/\(id)/rotateSecret", "GET \(base)/\(id)/deliveries?limit=4",
                "POST \(base)/\(id)/deliveries/evt_019ca8bbb6ba000000001a2b3c4d5e6f/retry",
            ]
        )
        #expect(
            requests[1].body.map { String(decoding: $0, as: UTF8.self) }
                == #"{"description":"Provisioning","eventTypes":["user.invited"],"url":"https://hooks.clinic.example/avara?src=1"}"#
        )
        #expect(requests[1].headers["Idempotency-Key"] != nil, "a create is retried under one Idempotency-Key")
        #expect(
            requests[3].body.map { String(decoding: $0, as: UTF8.self) } == #"{"description":null,"status":"disabled"}"#
        )
        #expect(requests[7].body == nil)
    }

    @Test("a retry that fails is reported, not taken for the empty 202")
    func retryFailure() async throws {
        let problem = #"{"title":"Not Found","status":404,"detail":"no such webhook endpoint","requestId":"req_1"}"#
        let transport = CannedTransport([
            .init(status: 404, body: problem), .init(status: 202, body: "{}"), .init(status: 200, body: "not json"),
        ])
        let client = AvaraClient(
            apiKey: "avk_test", baseURL: URL(string: "https://avara.example")!, transport: transport)
        let error = await #expect(throws: AvaraError.self) {
            try await client.webhookEndpoints.retry(endpointId: "we_1", eventId: "evt_1")
        }
        #expect(error?.kind == .notFound)
        #expect(error?.requestId == "req_1")
        // A 202 with a JSON body, or any 2xx, is accepted as well.
        try await client.webhookEndpoints.retry(endpointId: "we_1", eventId: "evt_1")
        try await client.webhookEndpoints.retry(endpointId: "we_1", eventId: "evt_1")
    }
}

/// Answers each request with the next canned response, and records the requests.
private final class CannedTransport: AvaraTransport {
    struct Response: Sendable {
        var status: Int
        var body: String
    }

    private let state: Mutex<(responses: [Response], requests: [HTTPRequestData])>

    init(_ responses: [Response]) {
        state = Mutex((responses, []))
    }

    /// Every request sent so far.
    var requests: [HTTPRequestData] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequestData) async throws -> HTTPResponseData {
        let response = state.withLock { state -> Response in
            state.requests.append(request)
            return state.responses.isEmpty ? Response(status: 500, body: "") : state.responses.removeFirst()
        }
        return HTTPResponseData(status: response.status, headers: [:], body: Data(response.body.utf8))
    }
}
