import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// A transport that runs `beforeFirst` before its first delivery (a clinic acting while a pass is under way),
/// then writes `.eml` files like the file transport.
final class InterruptedTransport: MailTransport {
    private let beforeFirst: Mutex<(@Sendable () async throws -> Void)?>
    private let next: FileMailTransport

    init(beforeFirst: @escaping @Sendable () async throws -> Void, then next: FileMailTransport) {
        self.beforeFirst = Mutex(beforeFirst)
        self.next = next
    }

    func deliver(_ email: OutboundEmail) async throws {
        if let hook = beforeFirst.withLock({ hook in
            defer { hook = nil }
            return hook
        }) {
            try await hook()
        }
        try await next.deliver(email)
    }
}

/// Each user reports what became of its invitation email, and a link that stopped working is never sent.
@Suite("Invitation email delivery")
struct DeliveryStatusTests {
    static func email(
        of userId: String, _ client: some TestClientProtocol, _ service: TestService
    ) async throws -> [String: String] {
        let response = try await client.executeRequest(
            uri: "\(Product.viewer.usersPath)/\(userId)", method: .get,
            headers: [.authorization: "Bearer \(service.apiKey)"], body: nil
        )
        #expect(response.status == .ok)
        return try #require(try response.json()["invitationEmail"] as? [String: String])
    }

    @Test("queued at the invite, sent once the transport took it, in the user and in the list")
    func queuedThenSent() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                #expect(try response.json()["invitationEmail"] as? [String: String] == ["status": "queued"])
                let userId = try #require(try response.json()["userId"] as? String)
                #expect(try await Self.email(of: userId, client, service) == ["status": "queued"])
                try await service.deliverMail()
                #expect(try await Self.email(of: userId, client, service) == ["status": "sent"])
                let list = try await client.executeRequest(
                    uri: Product.viewer.usersPath, method: .get, headers: [.authorization: "Bearer \(service.apiKey)"],
                    body: nil
                )
                let users = try #require(try list.json()["data"] as? [[String: Any]])
                #expect(users.first?["invitationEmail"] as? [String: String] == ["status": "sent"])
            }
        }
    }

    @Test("a permanent failure shows as failed with the mail server's reason; a resend queues a new email that is sent")
    func failedThenResent() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await InvitationLifecycleTests.invite(.viewer, client, service)
                let failing = OutboxDispatcherTests.dispatcher(
                    service,
                    failing: [
                        MailDeliveryError(
                            kind: .permanent, reason: "550 5.1.1 no such mailbox at mx1.hospital.org:25",
                            clinicReason: "550 5.1.1 no such mailbox")
                    ]
                )
                try await failing.deliverDueMessages()
                #expect(
                    try await Self.email(of: userId, client, service) == [
                        "status": "failed", "reason": "550 5.1.1 no such mailbox",
                    ])

                let resent = try await InvitationLifecycleTests.act(
                    "resend", .viewer, userId, client, key: service.apiKey)
                #expect(try resent.json()["invitationEmail"] as? [String: String] == ["status": "queued"])
                try await service.deliverMail()
                #expect(try await Self.email(of: userId, client, service) == ["status": "sent"])
                #expect(try service.deliveredMail().count == 1)
            }
        }
    }

    @Test(
        "a revoke or a resend while a delivery pass is under way: the dead link is not sent",
        arguments: ["revoke", "resend"])
    func actionDuringAPass(action: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let first = try await InvitationLifecycleTests.invite(
                    .viewer, client, service, email: "first@hospital.org")
                service.clock.advance(by: 1)  // the first is delivered first
                let second = try await InvitationLifecycleTests.invite(
                    .viewer, client, service, email: "second@hospital.org")
                let invitations = service.environment.services.invitations
                let context = CommandContext.cli(service.clinic)
                let transport = InterruptedTransport(
                    beforeFirst: {
                        // Both messages are claimed; the clinic acts on the second before it goes out.
                        if action == "revoke" {
                            _ = try await invitations.revoke(userId: second, product: .viewer, context: context)
                        } else {
                            _ = try await invitations.resend(userId: second, product: .viewer, context: context)
                        }
                    },
                    then: FileMailTransport(
                        directory: URL(fileURLWithPath: service.environment.configuration.outboxDirectory))
                )
                let dispatcher = OutboxDispatcher(
                    outbox: service.environment.outbox, transport: transport, templates: service.environment.templates,
                    clock: service.clock, logger: Logger(label: "test")
                )
                #expect(try await dispatcher.deliverDueMessages() == 2)
                let sent = try service.deliveredMail().map { try ReceivedEmail($0) }
                #expect(sent.count == 1)
                #expect(sent.first?.header("To")?.contains("first@hospital.org") == true)
                #expect(try await Self.email(of: first, client, service) == ["status": "sent"])
                if action == "revoke" {
                    #expect(
                        try await Self.email(of: second, client, service) == [
                            "status": "failed", "reason": "the invitation was revoked before its email was sent",
                        ])
                } else {
                    // The resent link is queued, and it is the one the next pass sends.
                    #expect(try await Self.email(of: second, client, service) == ["status": "queued"])
                    #expect(try await dispatcher.deliverDueMessages() == 1)
                    let links = try AcceptanceSteps.links(service)
                    #expect(links.count == 2)
                    let page = try await AcceptanceSteps.page(
                        String(links[1].dropFirst("https://avara.example.org".count)), client)
                    #expect(page.status == .ok)
                }
            }
        }
    }

    @Test("an invitation that expired before its email went out is not sent, and says so")
    func expiredBeforeSending() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await InvitationLifecycleTests.invite(.viewer, client, service)
                service.clock.advance(by: 8 * 86_400)
                #expect(try await service.deliverMail() == 1)
                #expect(try service.deliveredMail().isEmpty)
                #expect(
                    try await Self.email(of: userId, client, service) == [
                        "status": "failed", "reason": "the invitation expired before its email was sent",
                    ])
            }
        }
    }
}
