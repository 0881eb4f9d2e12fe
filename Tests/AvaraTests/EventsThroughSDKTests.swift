import Avara
import AvaraCore
import AvaraService
import AvaraTestSupport
import Foundation
import Testing

@Suite("The audit log through the SDK")
struct EventsThroughSDKTests {
    @Test("each change is one event, with the key that made it, the request id and the data; newest first by default")
    func changesAreEvents() async throws {
        try await LiveService.run { service in
            let client = service.client()
            let user = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "a@clinic.org", firstName: "Ann",
                hasDashboardAccess: false, lastName: "B", level: .member
            )
            _ = try await client.viewer.users.update(userId: user.userId, firstName: "Anna")
            try await client.viewer.users.delete(userId: user.userId)

            var all: [WebhookEvent] = []
            for try await event in client.events.list(userId: user.userId, order: .oldest) { all.append(event) }
            // The invitation's email is sent by the service meanwhile, which is an event of its own.
            let oldestFirst = all.filter { $0.type != .invitationEmailSent }
            #expect(all.count - oldestFirst.count <= 1)
            #expect(all.filter { $0.actor.type == "system" }.allSatisfy { $0.type == .invitationEmailSent })
            #expect(oldestFirst.map(\.type) == [.userInvited, .userUpdated, .userDeleted])
            for event in oldestFirst {
                #expect(event.eventId.hasPrefix("evt_"))
                #expect(event.product == "viewer")
                #expect(event.actor.type == "api_key")
                #expect(event.actor.id != nil)
                #expect(event.surface == "api")
                #expect(event.requestId?.isEmpty == false)
                #expect(event.data["userId"] == .string(user.userId))
            }
            #expect(oldestFirst[0].data["email"] == .string("a@clinic.org"))
            #expect(oldestFirst[1].data["firstName"] == .string("Anna"))
            #expect(oldestFirst[1].previousValues == ["firstName": .string("Ann")])
            #expect(oldestFirst.map(\.eventId) == oldestFirst.map(\.eventId).sorted(), "ids are time ordered")

            var newestFirst: [WebhookEvent] = []
            for try await event in client.events.list(userId: user.userId) { newestFirst.append(event) }
            #expect(newestFirst == all.reversed())
        }
    }

    @Test("iterating walks every page; a page alone says whether more follow; filters narrow the list")
    func pagesAndFilters() async throws {
        try await LiveService.run { service in
            let client = service.client()
            var invited: [String] = []
            for index in 0..<5 {
                let user = try await client.autoScribe.users.invite(
                    canCreateReports: false, canManageStudies: true, clinicRole: .scribe,
                    email: "s\(index)@clinic.org", firstName: "S", hasDashboardAccess: false, lastName: "C",
                    level: .member
                )
                invited.append(user.userId)
            }
            _ = try await client.autoScribe.users.revokeInvitation(userId: invited[0])

            var walked: [String] = []
            for try await event in client.events.list(type: .userInvited, order: .oldest, limit: 2) {
                walked.append(event.data["userId"].flatMap { if case .string(let id) = $0 { id } else { nil } } ?? "")
            }
            #expect(walked == invited)

            let first = try await client.events.list(type: .userInvited, limit: 2).page()
            #expect(first.data.count == 2 && first.hasMore)
            let second = try await client.events.list(type: .userInvited, limit: 2).page(after: first.nextCursor)
            #expect(Set(first.data.map(\.eventId)).isDisjoint(with: second.data.map(\.eventId)))

            let revoked = try await collect(client.events.list(type: .invitationRevoked))
            #expect(revoked.map(\.type) == [.invitationRevoked])
            let future = try await collect(client.events.list(since: Date.now.addingTimeInterval(3_600)))
            #expect(future.isEmpty)
            let past = try await collect(client.events.list(until: Date.now.addingTimeInterval(-3_600)))
            #expect(past.isEmpty)
            let byKey = try await collect(client.events.list(actorId: revoked[0].actor.id))
            #expect(byKey.count == 6, "the five invites and the revocation, all by the one key")
        }
    }

    @Test("a bad filter is a bad request naming it; another clinic's key sees none of these events")
    func errorsAndIsolation() async throws {
        try await LiveService.run { service in
            let client = service.client()
            _ = try await client.viewer.users.invite(
                canManageStudies: true, clinicRole: .radiologist, email: "a@clinic.org", firstName: "A",
                hasDashboardAccess: false, lastName: "B", level: .member
            )
            let ours = try #require(try await client.events.list(limit: 1).page().data.first).clinicId
            let error = try await #require(throws: AvaraError.self) {
                _ = try await client.events.list(limit: 1_000).page()
            }
            #expect(error.kind == .unprocessableEntity)
            #expect(error.fieldErrors.map(\.field) == ["limit"])

            let other = try await service.environment.services.clinics.createClinic(name: "Other")
            let theirs = try await collect(service.client(apiKey: other.apiKey).events.list())
            #expect(!theirs.contains { $0.clinicId == ours || $0.type == .userInvited })
        }
    }

    private func collect(_ list: EventList) async throws -> [WebhookEvent] {
        var events: [WebhookEvent] = []
        for try await event in list { events.append(event) }
        return events
    }
}
