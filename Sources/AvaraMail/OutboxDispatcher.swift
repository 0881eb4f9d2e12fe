import AvaraCore
import AvaraSupport
import Foundation
import Logging
import ServiceLifecycle

/// The one background worker for outgoing work: it hands queued emails to the mail transport and, in a lane of
/// its own so that a slow receiver never holds mail up, queued webhook deliveries to their channel.
///
/// Delivery is at least once: a message leaves the queue only after the transport accepted it, so a crash
/// between the two repeats a delivery (transports key their work on the stable Message-ID) but never loses one.
///
/// Each pass claims its messages for ``claimDuration`` (see ``OutboxRepository``), so that replicas sharing one
/// database never deliver a message twice; a pass stops delivering once half the claim has passed and releases
/// the rest. The claims of a replica that died expire; a process alone with its database (SQLite) voids its
/// predecessor's claims when it starts.
///
/// Mail and webhooks give way to invites: while invites queue for the database writer (``WriterLoad``), passes
/// wait, up to `maxDeferral` in a row, and rendering and file writes run on ``DedicatedThread/background``.
package struct OutboxDispatcher: Service {
    private let outbox: any OutboxRepository
    private let transport: any MailTransport
    private let templates: MailTemplates
    private let clock: any ServiceClock
    private let retryPolicy: DeliveryRetryPolicy
    private let pollInterval: Duration
    private let batchSize: Int
    private let claimDuration: Duration
    private let voidsClaimsAtStart: Bool
    private let writerLoad: WriterLoad?
    private let maxDeferral: Duration
    private let channels: [any OutboxChannel]
    private let events: SystemEvents
    private let logger: Logger

    package init(
        outbox: any OutboxRepository,
        transport: any MailTransport,
        templates: MailTemplates,
        clock: any ServiceClock = SystemClock(),
        retryPolicy: DeliveryRetryPolicy = .init(),
        pollInterval: Duration = .milliseconds(250),
        batchSize: Int = 200,
        claimDuration: Duration = .seconds(300),
        voidsClaimsAtStart: Bool = false,
        writerLoad: WriterLoad? = nil,
        maxDeferral: Duration = .seconds(5),
        channels: [any OutboxChannel] = [],
        random: any RandomSource = SystemRandomSource(),
        logger: Logger
    ) {
        self.channels = channels
        self.events = SystemEvents(random: random)
        self.outbox = outbox
        self.transport = transport
        self.templates = templates
        self.clock = clock
        self.retryPolicy = retryPolicy
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.claimDuration = claimDuration
        self.voidsClaimsAtStart = voidsClaimsAtStart
        self.writerLoad = writerLoad
        self.maxDeferral = maxDeferral
        self.logger = logger
    }

    package func run() async throws {
        if voidsClaimsAtStart {
            do {
                try await outbox.releaseAllClaims()
            } catch {
                logger.error("outbox claims could not be released", metadata: ["error": "\(error)"])
            }
        }
        await withDiscardingTaskGroup { group in
            group.addTask { await runMail() }
            for channel in channels {
                group.addTask { await run(channel) }
            }
        }
    }

    /// The lane of `channel`: claims its kind's due messages and hands them over, until shutdown.
    private func run(_ channel: any OutboxChannel) async {
        var deferred = Duration.zero
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if await givesWayToInvites(deferred: &deferred) { continue }
            let handled: Int
            do {
                handled = try await deliverDueMessages(of: channel)
            } catch {
                logger.error(
                    "outbox pass failed", metadata: ["kind": "\(channel.kind.rawValue)", "error": "\(error)"])
                handled = 0
            }
            if handled == 0 {
                try? await gracefulShutdownOrSleep(for: pollInterval)
            }
        }
    }

    /// One pass of `channel`'s lane: claims up to its batch of due messages and delivers them.
    ///
    /// - Returns: How many messages it handed over.
    @discardableResult
    package func deliverDueMessages(of channel: any OutboxChannel) async throws -> Int {
        let claimedAt = clock.now()
        let due = try await outbox.claimDueMessages(
            kind: channel.kind, dueBy: claimedAt, now: claimedAt,
            claimUntil: claimedAt.addingTimeInterval(claimDuration.seconds), limit: channel.batchSize
        )
        guard !due.isEmpty else { return 0 }
        await channel.deliver(due)
        return due.count
    }

    private func runMail() async {
        // A graceful shutdown lets the current batch finish; what is still queued is sent after the restart.
        // The first pass after a start also tries the messages waiting for a retry: a restart often follows a
        // fix (a corrected SMTP URL, a relay back up), and nobody should wait out a backoff for it.
        var isFirstPass = true
        var deferred = Duration.zero
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if await givesWayToInvites(deferred: &deferred) { continue }
            let handled: Int
            do {
                handled = try await deliverDueMessages(includingDeferred: isFirstPass)
                isFirstPass = false
            } catch {
                logger.error("outbox pass failed", metadata: ["error": "\(error)"])
                handled = 0
            }
            if handled == 0 {
                try? await gracefulShutdownOrSleep(for: pollInterval)
            }
        }
    }

    /// While invites queue for the database writer, a lane waits (its pass takes the writer too, and its work a
    /// core), but never more than `maxDeferral` in a row: under a load that never lets up, a batch still goes out
    /// that often.
    ///
    /// - Parameter deferred: How long the lane has waited in a row; grows by the step waited, or goes back to zero.
    /// - Returns: Whether it waited (and the lane should look again).
    private func givesWayToInvites(deferred: inout Duration) async -> Bool {
        guard let writerLoad, writerLoad.isSaturated, deferred < maxDeferral else {
            deferred = .zero
            return false
        }
        try? await gracefulShutdownOrSleep(for: Self.deferralStep)
        deferred += Self.deferralStep
        return true
    }

    /// How long a lane waits before looking at the writer's load again.
    private static let deferralStep = Duration.milliseconds(20)

    private func gracefulShutdownOrSleep(for duration: Duration) async throws {
        try await cancelWhenGracefulShutdown {
            try await Task.sleep(for: duration)
        }
    }

    /// Makes one pass over the due messages.
    ///
    /// - Returns: How many messages this pass handled (sent, rescheduled or failed).
    /// - Parameter includingDeferred: Also the messages whose retry is not due yet.
    @discardableResult
    package func deliverDueMessages(includingDeferred: Bool = false) async throws -> Int {
        let claimedAt = clock.now()
        let due = try await outbox.claimDueMessages(
            kind: .mail, dueBy: includingDeferred ? .distantFuture : claimedAt, now: claimedAt,
            claimUntil: claimedAt.addingTimeInterval(claimDuration.seconds), limit: batchSize
        )
        let deadline = claimedAt.addingTimeInterval(claimDuration.seconds / 2)
        var handled = 0
        var sentCount = 0
        var remaining = due[...]
        while !remaining.isEmpty {
            guard clock.now() < deadline else {
                // Half the claim is gone: what is left goes back to the queue rather than risk a second sender.
                try await outbox.releaseClaims(messageIds: remaining.map(\.messageId))
                break
            }
            let claimed = Array(remaining.prefix(max(1, transport.preferredBatchSize)))
            remaining = remaining.dropFirst(claimed.count)
            // Rendering gives way to requests: it runs on the low-priority background thread.
            let renderings = await DedicatedThread.background.run { [templates] in
                claimed.map { message in Result { try Self.render(message, templates: templates) } }
            }
            // The last moment before sending: a link revoked or replaced since the claim is not sent.
            let live = try await outbox.stillLive(messageIds: claimed.map(\.messageId), now: clock.now())
            for message in claimed where !live.contains(message.messageId) {
                try await outbox.markFailed(
                    messageId: message.messageId, attempts: message.attempts, reason: Self.notLiveReason,
                    at: clock.now(), event: emailEvent(.invitationEmailFailed)
                )
                Self.delivered(1, outcome: "not_sent")
                handled += 1
            }
            let batch = zip(claimed, renderings).filter { live.contains($0.0.messageId) }
            let rendered = batch.map(\.1)
            var delivered = await transport.deliver(batch: rendered.compactMap { try? $0.get() }).makeIterator()
            var sent: [String] = []
            for (message, rendering) in batch {
                // A rendered message takes the transport's next result; one that did not render keeps its error.
                let result = rendering.flatMap { _ in delivered.next() ?? .failure(Self.missingResult) }
                switch result {
                case .success: sent.append(message.messageId)
                case .failure(let error): try await recordFailure(of: message, error: error)
                }
                handled += 1
            }
            // Marked as soon as the transport took them, not at the end of the pass: a fault later in the pass
            // (the database gone, the process killed) must not send them again.
            try await outbox.markSent(messageIds: sent, at: clock.now(), event: emailEvent(.invitationEmailSent))
            Self.delivered(sent.count, outcome: "sent")
            sentCount += sent.count
        }
        if sentCount > 0 {
            logger.debug("outbox delivered", metadata: ["count": "\(sentCount)"])
        }
        return handled
    }

    /// The event `type` of a user whose email was handled now, made by the system.
    private func emailEvent(_ type: EventType) -> @Sendable (UserRecord) -> DomainEvent {
        { [events, clock] user in events.event(type, about: user, at: clock.now()) }
    }

    /// Why a message whose invitation expired, was revoked or was renewed before it went out is not sent. (A revoke
    /// or resend marks the messages it makes stale failed itself; this reason stays for an expired invitation.)
    private static let notLiveReason = "the invitation expired before its email was sent"

    /// Counts delivery attempts by outcome: `sent`, `deferred` (a temporary failure, retried), `failed` (given up),
    /// `not_sent` (its link stopped working before it went out).
    private static func delivered(_ count: Int, outcome: String) {
        DomainCounters.emailDelivered(count, outcome: outcome)
    }

    /// What a message gets when the transport returned fewer results than it was given messages: it stays queued.
    private static let missingResult = MailDeliveryError(kind: .transient, reason: "the transport reported no result")

    /// The email of a queued message, ready for the transport.
    private static func render(_ message: DueMessage, templates: MailTemplates) throws -> OutboundEmail {
        let email: QueuedEmail
        do {
            email = try QueuedEmail(payload: message.payload)
        } catch {
            throw MailDeliveryError(
                kind: .permanent, reason: "the stored message cannot be read: \(error)",
                clinicReason: "the stored email cannot be read"
            )
        }
        return email.outboundEmail(templates: templates)
    }

    private func recordFailure(of message: DueMessage, error: any Error) async throws {
        let attempts = message.attempts + 1
        let failure = error as? MailDeliveryError ?? MailDeliveryError(kind: .transient, reason: "\(error)")
        let now = clock.now()
        if failure.kind == .transient,
            let next = retryPolicy.nextAttempt(after: attempts, createdAt: message.createdAt, now: now)
        {
            logger.warning(
                "mail delivery deferred",
                metadata: [
                    "messageId": "\(message.messageId)", "attempts": "\(attempts)", "reason": "\(failure.reason)",
                ]
            )
            // The clinic sees its reason (invitationEmail.reason); the log keeps the whole one.
            try await outbox.scheduleRetry(
                messageId: message.messageId, attempts: attempts, nextAttemptAt: next, reason: failure.clinicReason
            )
            Self.delivered(1, outcome: "deferred")
        } else {
            logger.error(
                "mail delivery failed",
                metadata: [
                    "messageId": "\(message.messageId)", "attempts": "\(attempts)", "reason": "\(failure.reason)",
                ]
            )
            try await outbox.markFailed(
                messageId: message.messageId, attempts: attempts, reason: failure.clinicReason, at: now,
                event: emailEvent(.invitationEmailFailed)
            )
            Self.delivered(1, outcome: "failed")
        }
    }
}
