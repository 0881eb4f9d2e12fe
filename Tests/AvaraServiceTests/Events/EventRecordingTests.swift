import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("Every change writes its event")
struct EventRecordingTests {
    @Test("an invite writes user.invited: the API key as actor, the request's id, the user as GET shows it")
    func inviteEvent() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.viewer, InviteBodies.full(.viewer), key: service.apiKey)
                #expect(response.status == .created)
                let userId = try #require(try response.json()["userId"] as? String)
                let events = try await client.events(key: service.apiKey).events
                try #require(events.count == 1)
                let event = events[0]
                #expect(event["type"] as? String == "user.invited")
                #expect((event["eventId"] as? String)?.wholeMatch(of: /evt_[0-9a-f]{32}/) != nil)
                #expect(event["clinicId"] as? String == service.clinic.clinicId)
                #expect(event["product"] as? String == "viewer")
                #expect(event["surface"] as? String == "api")
                #expect(event["requestId"] as? String == response.headers[.requestId])
                #expect(event["createdAt"] as? String == "2026-03-01T09:30:00.250Z")
                let actor = event.object("actor")
                #expect(actor["type"] as? String == "api_key")
                #expect(actor["name"] as? String == APIKeyRecord.firstKeyName)
                #expect((actor["id"] as? String).map { service.apiKey.contains($0) } == true)
                let retrieved = try await UserDirectoryTests.request(.get, .viewer, userId, client, key: service.apiKey)
                #expect(
                    NSDictionary(dictionary: event.object("data")) == NSDictionary(dictionary: try retrieved.json()))
            }
        }
    }

    @Test(
        "invite, update, resend, revoke, delete, key creation and revocation: one event each, in order",
        arguments: Product.allCases)
    func lifecycleEvents(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let userId = try await InvitationLifecycleTests.invite(product, client, service)
                service.clock.advance(by: 1)
                var response = try await client.update(
                    product, userId, ["firstName": "Sally", "phoneNumber": "5557654321"], key: key)
                #expect(response.status == .ok)
                response = try await client.update(product, userId, ["firstName": "Sally"], key: key)
                #expect(response.status == .ok, "a change to what the user already has")
                #expect(
                    try await InvitationLifecycleTests.act("resend", product, userId, client, key: key).status == .ok)
                #expect(
                    try await InvitationLifecycleTests.act("revoke", product, userId, client, key: key).status == .ok)
                response = try await UserDirectoryTests.request(.delete, product, userId, client, key: key)
                #expect(response.status == .noContent)
                let created = try await APIKeysTests.create("PACS sync", client, key: key)
                let keyId = try #require(try created.json()["keyId"] as? String)
                #expect(try await APIKeysTests.revoke(keyId, client, key: key).status == .ok)
                #expect(try await APIKeysTests.revoke(keyId, client, key: key).status == .ok, "revoked already")

                let events = try await client.events(key: key).events
                #expect(
                    events.map { $0["type"] as? String } == [
                        "user.invited", "user.updated", "invitation.resent", "invitation.revoked", "user.deleted",
                        "api_key.created", "api_key.revoked",
                    ])
                let updated = events[1]
                #expect(
                    NSDictionary(dictionary: updated.object("previousValues"))
                        == NSDictionary(dictionary: ["firstName": "Sarah", "phoneNumber": NSNull()]))
                #expect(updated.object("data")["firstName"] as? String == "Sally")
                #expect(events[3].object("data")["invitationStatus"] as? String == "revoked")
                #expect(events[4].object("data")["userId"] as? String == userId)
                #expect(events[4]["product"] as? String == product.rawValue)
                #expect(events[5]["product"] is NSNull)
                #expect(events[5].object("data")["name"] as? String == "PACS sync")
                #expect(events[5].object("data")["key"] == nil, "never the key's secret")
                #expect(events[6].object("data")["revokedAt"] as? String != nil)
                let ids = events.compactMap { $0["eventId"] as? String }
                #expect(ids == ids.sorted() && Set(ids).count == ids.count)
                #expect(events.allSatisfy { ($0["data"] as? [String: Any]).map { !$0.isEmpty } == true })
            }
        }
    }

    @Test("accepting through the page and logging in: the invited user is the actor")
    func acceptanceAndLoginEvents() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (userId, path) = try await AcceptanceSteps.invite(.autoScribe, client, service)
                #expect(try await AcceptanceSteps.submit(path, password: LoginTests.password, client).status == .ok)
                service.clock.advance(by: 60)
                let login = try await LoginTests.login(
                    "dr.johnson@hospital.org", LoginTests.password, .autoScribe, client)
                #expect(login.status == .ok)

                let all = try await client.events(key: service.apiKey).events
                #expect(
                    all.map { $0["type"] as? String } == [
                        "user.invited", "invitation.email_sent", "invitation.accepted", "user.logged_in",
                    ])
                try #require(all.count == 4)
                #expect(all[1].object("actor")["type"] as? String == "system" && all[1]["surface"] is NSNull)
                #expect(all[1].object("data").object("invitationEmail")["status"] as? String == "sent")
                #expect(all[1].object("data")["userId"] as? String == userId)
                let events = [all[0], all[2], all[3]]
                for event in events.dropFirst() {
                    #expect(event.object("actor")["type"] as? String == "user")
                    #expect(event.object("actor")["id"] as? String == userId)
                    #expect(event["product"] as? String == "autoScribe")
                }
                #expect(events[1]["surface"] as? String == "dashboard")
                #expect(events[1].object("data")["invitationStatus"] as? String == "accepted")
                #expect(events[2]["surface"] as? String == "api")
                #expect(events[2]["requestId"] as? String == login.headers[.requestId])
                #expect(events[2].object("data")["lastLoginAt"] as? String == "2026-03-01T09:31:00.250Z")
                let text = events.map { "\($0)" }.joined()
                #expect(!text.contains(LoginTests.password) && !text.contains(path.dropFirst("/invitations/".count)))
            }
        }
    }

    @Test("a refused change writes no event: a taken email, a broken rule, a resend too soon, an accepted invitation")
    func refusedChangesWriteNothing() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let (userId, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                #expect(try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: key).status == .conflict)
                #expect(try await client.update(.viewer, userId, ["level": "owner"], key: key).status.code == 422)
                #expect(try await AcceptanceSteps.submit(path, password: LoginTests.password, client).status == .ok)
                #expect(
                    try await InvitationLifecycleTests.act("revoke", .viewer, userId, client, key: key).status
                        == .conflict)
                #expect(
                    try await InvitationLifecycleTests.act("resend", .viewer, userId, client, key: key).status
                        == .conflict)
                #expect(
                    try await LoginTests.login("dr.johnson@hospital.org", "wrong password 1", .viewer, client).status
                        == .unauthorized)
                #expect(
                    try await client.eventTypes(key: key) == [
                        "user.invited", "invitation.email_sent", "invitation.accepted",
                    ])
                #expect(try await service.count("SELECT COUNT(*) AS n FROM events") == 3)
            }
        }
    }
}

@Suite("Events as openapi.yaml writes them")
struct EventSchemaTests {
    @Test("the core's event types are the spec's, in order")
    func typesMatchSpec() {
        #expect(EventType.allCases.map(\.rawValue) == Components.Schemas.EventType.allCases.map(\.rawValue))
        #expect(ListOrder.allCases.map(\.rawValue) == ["newest", "oldest"])
    }

    @Test("a page of every kind of event reads as the spec's EventList")
    func pageDecodesAsSpec() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await InvitationLifecycleTests.invite(.autoScribe, client, service)
                _ = try await client.update(.autoScribe, userId, ["lastName": "Lee"], key: service.apiKey)
                _ = try await APIKeysTests.create("x", client, key: service.apiKey)
                let response = try await client.executeRequest(
                    uri: "/v1/events?limit=100", method: .get, headers: [.authorization: "Bearer \(service.apiKey)"],
                    body: nil
                )
                let page = try response.decode(Components.Schemas.EventList.self)
                #expect(page.data.map(\._type) == [.apiKey_created, .user_updated, .user_invited])
                #expect(page.data.map(\.actor._type) == [.apiKey, .apiKey, .apiKey])
                #expect(page.hasMore == false)
            }
        }
    }
}

@Suite("invitation.expired")
struct InvitationExpiryEventTests {
    @Test("written once when the expiry passes, by the sweeper; a resent invitation expiring again gets another")
    func expiryEvents() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await InvitationLifecycleTests.invite(.viewer, client, service)
                _ = try await InvitationLifecycleTests.invite(.viewer, client, service, email: "later@hospital.org")
                let purger = service.environment.purger()
                #expect(await purger.purge()["invitation expiries"] == 0)
                service.clock.advance(by: 7 * 86_400 + 1)
                #expect(await purger.purge()["invitation expiries"] == 2)
                #expect(await purger.purge()["invitation expiries"] == 0, "once")
                let expired = try await client.events("type=invitation.expired&order=oldest", key: service.apiKey)
                #expect(expired.events.count == 2)
                #expect(expired.events.first?.object("actor")["type"] as? String == "system")
                #expect(expired.events.first?.object("data")["invitationStatus"] as? String == "expired")

                #expect(
                    try await InvitationLifecycleTests.act("resend", .viewer, userId, client, key: service.apiKey)
                        .status == .ok)
                service.clock.advance(by: 7 * 86_400 + 1)
                #expect(await purger.purge()["invitation expiries"] == 1)
            }
        }
    }
}
