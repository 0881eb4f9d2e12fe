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

/// A mail transport that fails as scripted, then writes `.eml` files like the real file transport.
final class FlakyTransport: MailTransport {
    private let failures: Mutex<[MailDeliveryError]>
    private let next: FileMailTransport

    init(failing failures: [MailDeliveryError], then next: FileMailTransport) {
        self.failures = Mutex(failures)
        self.next = next
    }

    func deliver(_ email: OutboundEmail) async throws {
        if let failure = failures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw failure }
        try await next.deliver(email)
    }
}

/// A transport that, before each delivery, asks `inspect` what the database holds, then writes `.eml` files.
final class InspectingTransport: MailTransport {
    private let inspect: @Sendable () async throws -> Int
    private let next: FileMailTransport
    let seen = Mutex<[Int]>([])

    init(inspect: @escaping @Sendable () async throws -> Int, then next: FileMailTransport) {
        self.inspect = inspect
        self.next = next
    }

    func deliver(_ email: OutboundEmail) async throws {
        let value = try await inspect()
        seen.withLock { $0.append(value) }
        try await next.deliver(email)
    }
}

@Suite("The outbox")
struct OutboxDispatcherTests {
    static func dispatcher(_ service: TestService, failing failures: [MailDeliveryError]) -> OutboxDispatcher {
        let files = FileMailTransport(
            directory: URL(fileURLWithPath: service.environment.configuration.outboxDirectory))
        return OutboxDispatcher(
            outbox: service.environment.outbox, transport: FlakyTransport(failing: failures, then: files),
            templates: service.environment.templates, clock: service.clock, logger: Logger(label: "test")
        )
    }

    static func inviteOne(_ service: TestService) async throws {
        try await service.app().test(.router) { client in
            let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
            #expect(response.status == .created)
        }
    }

    @Test("a transient failure keeps the message queued and retries it after the backoff")
    func transientFailureIsRetried() async throws {
        try await TestService.with { service in
            try await Self.inviteOne(service)
            let dispatcher = Self.dispatcher(
                service,
                failing: [MailDeliveryError(kind: .transient, reason: "421 try later", clinicReason: "421 try later")])
            #expect(try await dispatcher.deliverDueMessages() == 1)
            #expect(
                try await service.count(
                    "SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued' AND attempts = 1 AND last_error = '421 try later'"
                ) == 1)
            #expect(try await dispatcher.deliverDueMessages() == 0, "not due before the backoff")
            service.clock.advance(by: 30)
            #expect(try await dispatcher.deliverDueMessages() == 1)
            #expect(try service.deliveredMail().count == 1)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'") == 1)
        }
    }

    @Test("a permanent failure marks the message failed with the reason, keeps no link, and it is not retried")
    func permanentFailureIsFinal() async throws {
        try await TestService.with { service in
            try await Self.inviteOne(service)
            let dispatcher = Self.dispatcher(
                service,
                failing: [
                    MailDeliveryError(kind: .permanent, reason: "550 no such user", clinicReason: "550 no such user")
                ])
            #expect(try await dispatcher.deliverDueMessages() == 1)
            service.clock.advance(by: 86_400)
            #expect(try await dispatcher.deliverDueMessages(includingDeferred: true) == 0)
            #expect(
                try await service.count(
                    "SELECT COUNT(*) AS n FROM outbox WHERE status = 'failed' AND last_error = '550 no such user'") == 1
            )
            // The invitation link of a message that will never be sent is not kept.
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE message IS NOT NULL") == 0)
            #expect(try service.deliveredMail().isEmpty)
        }
    }

    @Test("transient failures are retried for 48 hours, then the message is given up")
    func givesUpAfter48Hours() async throws {
        try await TestService.with { service in
            try await Self.inviteOne(service)
            let failures = Array(
                repeating: MailDeliveryError(kind: .transient, reason: "connection refused"), count: 100)
            let dispatcher = Self.dispatcher(service, failing: failures)
            var attempts = 0
            while try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued'") == 1 {
                attempts += try await dispatcher.deliverDueMessages()
                service.clock.advance(by: 3600)
            }
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'failed'") == 1)
            #expect(attempts > 10)
        }
    }

    @Test("the first pass after a start also tries messages waiting for a retry")
    func restartTriesDeferredMessages() async throws {
        try await TestService.with { service in
            try await Self.inviteOne(service)
            let failing = Self.dispatcher(service, failing: [MailDeliveryError(kind: .transient, reason: "down")])
            #expect(try await failing.deliverDueMessages() == 1)
            let restarted = Self.dispatcher(service, failing: [])
            #expect(try await restarted.deliverDueMessages() == 0)
            #expect(try await restarted.deliverDueMessages(includingDeferred: true) == 1)
            #expect(try service.deliveredMail().count == 1)
        }
    }
}

/// A transport that records the Message-ID of every delivery, duplicates included.
final class RecordingTransport: MailTransport {
    let deliveries = Mutex<[String]>([])

    func deliver(_ email: OutboundEmail) async throws {
        deliveries.withLock { $0.append(email.messageId) }
    }
}

/// A transport that takes `seconds` of the test clock per message.
final class SlowTransport: MailTransport {
    private let clock: TestClock
    private let seconds: TimeInterval
    private let next: FileMailTransport

    init(clock: TestClock, seconds: TimeInterval, then next: FileMailTransport) {
        self.clock = clock
        self.seconds = seconds
        self.next = next
    }

    func deliver(_ email: OutboundEmail) async throws {
        clock.advance(by: seconds)
        try await next.deliver(email)
    }
}

@Suite("The outbox with several senders")
struct OutboxClaimTests {
    static func invite(_ count: Int, _ service: TestService) async throws {
        try await service.app().test(.router) { client in
            for index in 0..<count {
                let body = InviteBodies.minimal(.viewer, email: "claim\(index)@clinic.org")
                let response = try await client.invite(.viewer, body, key: service.apiKey)
                #expect(response.status == .created)
            }
        }
    }

    @Test("a message another sender claimed is not delivered until the claim expires (its sender died)")
    func claimedMessagesWait() async throws {
        try await TestService.with { service in
            try await Self.invite(1, service)
            let now = service.clock.now()
            let claimed = try await service.environment.outbox.claimDueMessages(
                kind: .mail, dueBy: now, now: now, claimUntil: now.addingTimeInterval(300), limit: 10
            )
            #expect(claimed.count == 1)
            let dispatcher = OutboxDispatcherTests.dispatcher(service, failing: [])
            #expect(try await dispatcher.deliverDueMessages() == 0)
            // Nor does the first pass of another replica starting now.
            let restartPass = try await dispatcher.deliverDueMessages(includingDeferred: true)
            #expect(restartPass == 0)
            service.clock.advance(by: 301)
            #expect(try await dispatcher.deliverDueMessages() == 1)
            #expect(try service.deliveredMail().count == 1)
        }
    }

    @Test("a pass stops once half its claim is gone and gives the rest back")
    func longPassReleasesTheRest() async throws {
        try await TestService.with { service in
            try await Self.invite(3, service)
            let files = FileMailTransport(
                directory: URL(fileURLWithPath: service.environment.configuration.outboxDirectory))
            let dispatcher = OutboxDispatcher(
                outbox: service.environment.outbox,
                transport: SlowTransport(clock: service.clock, seconds: 6, then: files),
                templates: service.environment.templates, clock: service.clock, claimDuration: .seconds(10),
                logger: Logger(label: "test")
            )
            #expect(try await dispatcher.deliverDueMessages() == 1)
            #expect(
                try await service.count(
                    "SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued' AND claimed_until IS NULL") == 2)
            #expect(try await dispatcher.deliverDueMessages() == 1)
            #expect(try await dispatcher.deliverDueMessages() == 1)
            #expect(try service.deliveredMail().count == 3)
        }
    }

    @Test("two senders working at once deliver every message exactly once")
    func concurrentSendersNeverDuplicate() async throws {
        try await TestService.with { service in
            try await Self.invite(40, service)
            let transport = RecordingTransport()
            let senders = (0..<2).map { _ in
                OutboxDispatcher(
                    outbox: service.environment.outbox, transport: transport, templates: service.environment.templates,
                    clock: service.clock, batchSize: 3, logger: Logger(label: "test")
                )
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for sender in senders {
                    group.addTask {
                        while try await sender.deliverDueMessages() > 0 {}
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'") == 40)
            let delivered = transport.deliveries.withLock { $0 }
            #expect(delivered.count == 40)
            #expect(Set(delivered).count == 40, "no message twice")
        }
    }

    @Test("each message is marked sent as soon as the transport took it, not at the end of the pass")
    func markedAsSent() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                for index in 0..<3 {
                    let body = InviteBodies.minimal(.viewer, email: "user\(index)@hospital.org")
                    let response = try await client.invite(.viewer, body, key: service.apiKey)
                    #expect(response.status == .created)
                }
            }
            let transport = InspectingTransport(
                inspect: { try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'") },
                then: FileMailTransport(
                    directory: URL(fileURLWithPath: service.environment.configuration.outboxDirectory))
            )
            let dispatcher = OutboxDispatcher(
                outbox: service.environment.outbox, transport: transport, templates: service.environment.templates,
                clock: service.clock, logger: Logger(label: "test")
            )
            #expect(try await dispatcher.deliverDueMessages() == 3)
            // Had the pass died before its third delivery, the first two would not go out again.
            #expect(transport.seen.withLock { $0 } == [0, 1, 2])
        }
    }
}
