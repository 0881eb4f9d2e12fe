import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// What a key keeps is the command's outcome, which the API renders the first time and on every replay.
extension IdempotencyTests {
    @Test(
        "a replayed resend or revoke answers the user as the command left them, not as later changes made them",
        arguments: ["resend", "revoke"])
    func replayKeepsTheOutcome(action: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await InvitationLifecycleTests.invite(.autoScribe, client, service)
                let first = try await InvitationLifecycleTests.act(
                    action, .autoScribe, userId, client, key: service.apiKey, idempotencyKey: "change-1")
                #expect(first.status == .ok)
                let renamed = try await client.update(
                    .autoScribe, userId, ["firstName": .string("Renamed")], key: service.apiKey)
                #expect(renamed.status == .ok)

                let retry = try await InvitationLifecycleTests.act(
                    action, .autoScribe, userId, client, key: service.apiKey, idempotencyKey: "change-1")
                #expect(retry.status == .ok)
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(String(buffer: retry.body) == String(buffer: first.body))
                #expect(try retry.json()["firstName"] as? String != "Renamed")
                #expect(try retry.json()["canCreateReports"] as? Bool != nil)
            }
        }
    }

    @Test("a kept outcome that cannot be read is reported as a storage fault, not replayed as something else")
    func unreadableOutcome() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.minimal(.viewer)
                let first = try await client.invite(.viewer, body, key: service.apiKey, headers: Self.keyed("k-bad"))
                #expect(first.status == .created)
                try await service.environment.store.transaction { db in
                    try await db.raw("UPDATE idempotency_outcomes SET outcome = 'not json'").run()
                }
                let repository = SQLIdempotencyRepository(store: service.environment.store)
                await #expect(throws: StorageError.corruptRow(table: "idempotency_outcomes", column: "outcome")) {
                    try await repository.remembered(
                        clinicId: service.clinic.clinicId, key: "k-bad", now: service.clock.now())
                }
            }
        }
    }
}
