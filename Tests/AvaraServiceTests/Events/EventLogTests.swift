import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("The audit log: GET /v1/events")
struct EventLogTests {
    /// Invites `count` users of Viewer, a second apart, and answers their ids in order.
    static func invite(_ count: Int, _ client: some TestClientProtocol, _ service: TestService) async throws -> [String]
    {
        var ids: [String] = []
        for index in 0..<count {
            ids.append(
                try await InvitationLifecycleTests.invite(.viewer, client, service, email: "user\(index)@hospital.org"))
            service.clock.advance(by: 1)
        }
        return ids
    }

    @Test("pages of 2 walk every event once, newest first by default and oldest first when asked")
    func paging() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let users = try await Self.invite(5, client, service)
                for order in ["newest", "oldest"] {
                    var seen: [String] = []
                    var cursor: String?
                    repeat {
                        let page = try await client.events(
                            "order=\(order)&limit=2" + (cursor.map { "&after=\($0)" } ?? ""), key: service.apiKey)
                        #expect(page.events.count <= 2)
                        seen += page.events.compactMap { $0.object("data")["userId"] as? String }
                        cursor = page.nextCursor
                    } while cursor != nil
                    #expect(seen == (order == "oldest" ? users : users.reversed()))
                }
                let newest = try await client.events("", key: service.apiKey)
                #expect(newest.events.first?.object("data")["userId"] as? String == users.last)
            }
        }
    }

    @Test("filters by type, user, actor and time range, each alone and together")
    func filters() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let users = try await Self.invite(3, client, service)  // at :00.250, :01.250, :02.250
                let created = try await APIKeysTests.create("second", client, key: service.apiKey)
                let secondKey = try #require(try created.json()["key"] as? String)
                let secondKeyId = try #require(try created.json()["keyId"] as? String)
                #expect(
                    try await client.update(.viewer, users[0], ["firstName": "Sally"], key: secondKey).status == .ok)
                let key = service.apiKey

                func userIds(_ query: String) async throws -> [String] {
                    try await client.events("order=oldest&" + query, key: key).events.map {
                        ($0["type"] as? String ?? "") + ":" + ($0.object("data")["userId"] as? String ?? "-")
                    }
                }
                #expect(try await userIds("type=user.updated") == ["user.updated:\(users[0])"])
                #expect(
                    try await userIds("userId=\(users[0])") == ["user.invited:\(users[0])", "user.updated:\(users[0])"])
                #expect(try await userIds("actorId=\(secondKeyId)") == ["user.updated:\(users[0])"])
                #expect(
                    try await userIds("since=2026-03-01T09:30:01.250Z&until=2026-03-01T09:30:02.250Z")
                        == ["user.invited:\(users[1])"])
                #expect(
                    try await userIds("type=user.invited&since=2026-03-01T09:30:01Z")
                        == [users[1], users[2]].map {
                            "user.invited:\($0)"
                        })
                #expect(try await userIds("userId=usr_nobody").isEmpty)
            }
        }
    }

    @Test("a clinic sees its own events only")
    func clinicsAreIsolated() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                _ = try await Self.invite(2, client, service)
                let other = try await service.createClinic("Other Imaging")
                #expect(try await client.events(key: other.apiKey).events.isEmpty)
                _ = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: other.apiKey)
                #expect(try await client.events(key: other.apiKey).events.count == 1)
                #expect(try await client.events(key: service.apiKey).events.count == 2)
            }
        }
    }

    @Test(
        "parameters of the wrong type answer 400 naming them; a limit out of range or a foreign cursor 422",
        arguments: [
            ("limit=ten&order=sideways&type=user.exploded&since=yesterday", 400, ["limit", "order", "type", "since"]),
            ("limit=0", 422, ["limit"]), ("after=usr_123", 422, ["after"]),
            ("after=evt_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 422, ["after"]),
        ])
    func badQueries(query: String, status: Int, fields: [String]) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.executeRequest(
                    uri: "/v1/events?\(query)", method: .get, headers: [.authorization: "Bearer \(service.apiKey)"],
                    body: nil
                )
                #expect(response.status.code == status)
                let problem = try response.decode(ProblemBody.self)
                #expect(Set(problem.errors?.map(\.field) ?? []) == Set(fields))
            }
        }
    }

    @Test("no route changes or deletes an event")
    func appendOnly() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                _ = try await Self.invite(1, client, service)
                let eventId = try #require(
                    try await client.events(key: service.apiKey).events.first?["eventId"] as? String)
                for (method, uri) in [
                    (HTTPRequest.Method.delete, "/v1/events"), (.put, "/v1/events"), (.post, "/v1/events"),
                    (.delete, "/v1/events/\(eventId)"), (.patch, "/v1/events/\(eventId)"),
                ] {
                    let response = try await client.executeRequest(
                        uri: uri, method: method, headers: [.authorization: "Bearer \(service.apiKey)"], body: nil)
                    #expect([404, 405].contains(response.status.code), "\(method) \(uri)")
                }
                #expect(try await client.events(key: service.apiKey).events.count == 1)
            }
        }
    }
}
