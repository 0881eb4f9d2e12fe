import AvaraSupport
import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Resending and revoking invitations")
struct InvitationLifecycleTests {
    /// Invites one user of `product` and returns its id.
    static func invite(
        _ product: Product, _ client: some TestClientProtocol, _ service: TestService,
        email: String = "dr.johnson@hospital.org"
    ) async throws -> String {
        let response = try await client.invite(
            product, InviteBodies.minimal(product, email: email), key: service.apiKey)
        #expect(response.status == .created)
        return try #require(try response.json()["userId"] as? String)
    }

    /// `POST /v1/{product}/users/{userId}/invitation/{action}` without a body, with `idempotencyKey` if given.
    static func act(
        _ action: String, _ product: Product, _ userId: String, _ client: some TestClientProtocol, key: String,
        idempotencyKey: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(key)"]
        if let idempotencyKey { headers[.idempotencyKey] = idempotencyKey }
        return try await client.executeRequest(
            uri: "\(product.usersPath)/\(userId)/invitation/\(action)", method: .post, headers: headers, body: nil
        )
    }

    static func tokenHash(of link: String) -> String {
        TokenDigests.storedForm(ofLink: link)
    }

    @Test(
        "a resend gives a new link and a new expiry, sends a new email, and the old link's hash is gone",
        arguments: Product.allCases)
    func resendRenewsTheLink(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(product, client, service)
                try await service.deliverMail()
                service.clock.advance(by: 86_400)

                let response = try await Self.act("resend", product, userId, client, key: service.apiKey)
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["userId"] as? String == userId)
                #expect(json["invitationStatus"] as? String == "pending")
                #expect(json["invitationExpiresAt"] as? String == "2026-03-09T09:30:00.250Z")

                try await service.deliverMail()
                let links = try AcceptanceSteps.links(service)
                try #require(links.count == 2)
                #expect(links[0] != links[1])
                let stored = try await service.strings(
                    "SELECT token_hash FROM invitations WHERE user_id = '\(userId)'", column: "token_hash"
                )
                let newLink = try #require(links.first { Self.tokenHash(of: $0) == stored.first })
                #expect(stored.count == 1)
                #expect(!links.filter { $0 != newLink }.contains { Self.tokenHash(of: $0) == stored.first })
            }
        }
    }

    @Test(
        "a resend within the cooldown of the last one answers 429 with Retry-After and sends nothing",
        arguments: Product.allCases
    )
    func resendCooldown(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(product, client, service)
                #expect(try await Self.act("resend", product, userId, client, key: service.apiKey).status == .ok)
                let outboxAfterFirst = try await service.count("SELECT COUNT(*) AS n FROM outbox")
                service.clock.advance(by: 20)

                let refused = try await Self.act("resend", product, userId, client, key: service.apiKey)
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers[.retryAfter] == "40")
                #expect(try refused.decode(ProblemBody.self).type == "/problems/resend-too-soon")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == outboxAfterFirst)

                service.clock.advance(by: 40)
                #expect(try await Self.act("resend", product, userId, client, key: service.apiKey).status == .ok)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == outboxAfterFirst + 1)
            }
        }
    }

    @Test(
        "a resend or revoke retried with its Idempotency-Key is replayed, not done again",
        arguments: ["resend", "revoke"])
    func idempotentChange(action: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(.viewer, client, service)
                let otherId = try await Self.invite(.viewer, client, service, email: "nurse@clinic.org")
                let outboxBefore = try await service.count("SELECT COUNT(*) AS n FROM outbox")

                let first = try await Self.act(
                    action, .viewer, userId, client, key: service.apiKey, idempotencyKey: "k-1")
                #expect(first.status == .ok)
                #expect(first.headers[.idempotentReplayed] == nil)
                service.clock.advance(by: 1)
                let retry = try await Self.act(
                    action, .viewer, userId, client, key: service.apiKey, idempotencyKey: "k-1")
                #expect(retry.status == .ok)
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(retry.body == first.body)
                let outboxAfter = try await service.count("SELECT COUNT(*) AS n FROM outbox")
                #expect(outboxAfter == outboxBefore + (action == "resend" ? 1 : 0))

                let otherUser = try await Self.act(
                    action, .viewer, otherId, client, key: service.apiKey, idempotencyKey: "k-1")
                #expect(otherUser.status == .unprocessableContent)
                #expect(try otherUser.decode(ProblemBody.self).type == "/problems/idempotency-key-reused")
            }
        }
    }

    @Test("the resend cooldown is configurable: AVARA_RESEND_COOLDOWN, from 1 second to 1 day")
    func resendCooldownConfiguration() throws {
        #expect(try ServiceConfiguration(environment: [:]).resendCooldown == .seconds(60))
        #expect(try ServiceConfiguration(environment: ["AVARA_RESEND_COOLDOWN": "5m"]).resendCooldown == .seconds(300))
        for bad in ["0s", "2d", "soon"] {
            #expect(throws: ConfigurationError.self) {
                try ServiceConfiguration(environment: ["AVARA_RESEND_COOLDOWN": bad])
            }
        }
    }

    @Test("a resend before the first email went out cancels that email: only the new link is sent")
    func resendCancelsTheQueuedEmail() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(.viewer, client, service)
                #expect(try await Self.act("resend", .viewer, userId, client, key: service.apiKey).status == .ok)
                #expect(try await service.deliverMail() == 1)
                let links = try AcceptanceSteps.links(service)
                let stored = try await service.strings("SELECT token_hash FROM invitations", column: "token_hash")
                #expect(links.map(Self.tokenHash(of:)) == stored)
            }
        }
    }

    @Test("a revoke kills the link and the unsent email; revoking again changes nothing; a resend revives it")
    func revokeAndRevive() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(.autoScribe, client, service)
                let revoked = try await Self.act("revoke", .autoScribe, userId, client, key: service.apiKey)
                #expect(revoked.status == .ok)
                #expect(try revoked.json()["invitationStatus"] as? String == "revoked")
                #expect(try await service.deliverMail() == 0)
                #expect(try service.deliveredMail().isEmpty)

                let again = try await Self.act("revoke", .autoScribe, userId, client, key: service.apiKey)
                #expect(again.status == .ok)
                #expect(try again.json()["invitationStatus"] as? String == "revoked")

                let revived = try await Self.act("resend", .autoScribe, userId, client, key: service.apiKey)
                #expect(try revived.json()["invitationStatus"] as? String == "pending")
                #expect(try await service.deliverMail() == 1)
            }
        }
    }

    @Test("an accepted invitation can be neither resent nor revoked: 409, not worth retrying")
    func acceptedInvitationIsFinal() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(.viewer, client, service)
                try await service.environment.store.transaction { db in
                    try await db.raw("UPDATE invitations SET status = 'accepted'").run()
                }
                for action in ["resend", "revoke"] {
                    let response = try await Self.act(action, .viewer, userId, client, key: service.apiKey)
                    #expect(response.status == .conflict)
                    #expect(response.headers[.shouldRetry] == "false")
                    #expect(try response.decode(ProblemBody.self).type == "/problems/invitation-accepted")
                }
            }
        }
    }

    @Test(
        "another clinic's user, the other product's path and an unknown id all answer 404",
        arguments: ["resend", "revoke"])
    func unknownUsersAre404(action: String) async throws {
        try await TestService.with { service in
            let other = try await service.createClinic("Northside Radiology")
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(.viewer, client, service)
                let attempts = [
                    try await Self.act(action, .viewer, userId, client, key: other.apiKey),
                    try await Self.act(action, .autoScribe, userId, client, key: service.apiKey),
                    try await Self.act(
                        action, .viewer, "usr_00000000000000000000000000000000", client, key: service.apiKey),
                ]
                for response in attempts {
                    #expect(response.status == .notFound)
                    #expect(try response.decode(ProblemBody.self).type == "/problems/user-not-found")
                }
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
            }
        }
    }

    @Test("without a key, a resend answers 401")
    func resendNeedsAKey() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await Self.invite(.viewer, client, service)
                let response = try await client.executeRequest(
                    uri: "/v1/viewer/users/\(userId)/invitation/resend", method: .post, headers: [:], body: nil
                )
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("a pending invitation past its expiry is reported as expired")
    func expiryIsReported() {
        let expiry = Date(timeIntervalSince1970: 1_000)
        #expect(
            InvitationState.Status.reported(stored: "pending", expiresAt: expiry, now: Date(timeIntervalSince1970: 999))
                == .pending)
        #expect(InvitationState.Status.reported(stored: "pending", expiresAt: expiry, now: expiry) == .expired)
        #expect(
            InvitationState.Status.reported(
                stored: "revoked", expiresAt: expiry, now: Date(timeIntervalSince1970: 2_000)) == .revoked)
        #expect(
            InvitationState.Status.reported(
                stored: "accepted", expiresAt: expiry, now: Date(timeIntervalSince1970: 2_000)) == .accepted)
    }
}
