import AsyncHTTPClient
import AvaraCore
import AvaraSupport
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Delivers the outbox's webhook deliveries: each event's JSON (as `GET /v1/events` lists it) in a signed `POST`
/// to its endpoint, at most ``concurrency`` at once, each within ``timeout``; every outcome recorded as soon as it
/// is known (``WebhookDeliveryPolicy`` decides what to do with it), together with those known meanwhile
/// (``GroupCommit``): one write for many deliveries, as for invites.
///
/// The endpoints are read again for each batch of deliveries, in one read: a changed URL, a rotated secret or a
/// disabled endpoint takes effect on deliveries already queued, and the URLs' hosts must still resolve to public
/// addresses (DNS can change), checked once a batch for each host.
package final class WebhookChannel: OutboxChannel {
    package let kind = OutboxKind.webhook
    package let batchSize: Int
    /// Deliveries in flight at once.
    package let concurrency: Int
    /// How long an endpoint has to answer.
    package let timeout: Duration

    private let deliveries: any WebhookDeliveryRepository
    /// Records outcomes; answers whether each disabled its endpoint.
    private let recorder: GroupCommit<WebhookAttemptOutcome, Bool>
    private let policy: WebhookDeliveryPolicy
    private let urlRule: WebhookURLRule
    private let box: SecretBox?
    private let clock: any ServiceClock
    private let logger: Logger

    package init(
        deliveries: any WebhookDeliveryRepository, urlRule: WebhookURLRule, box: SecretBox?, clock: any ServiceClock,
        random: any RandomSource, batchSize: Int = 64, concurrency: Int = 16, timeout: Duration = .seconds(15),
        logger: Logger
    ) {
        self.deliveries = deliveries
        // Recording gives way to requests: its loop runs on the low-priority background thread.
        self.recorder = GroupCommit(maxBatchSize: batchSize, executor: DedicatedThread.background) { outcomes in
            try await deliveries.record(outcomes)
        }
        self.policy = WebhookDeliveryPolicy(random: random)
        self.urlRule = urlRule
        self.box = box
        self.clock = clock
        self.batchSize = batchSize
        self.concurrency = concurrency
        self.timeout = timeout
        self.logger = logger
    }

    /// The process's client for webhooks, never shut down (it lives as long as the process). Redirects are answers
    /// like any other (a 3xx is retried): never followed to where the address checks did not look.
    private static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(15), read: .seconds(15))
        )
    )

    package func deliver(_ messages: [DueMessage]) async {
        let targets: [String: WebhookDeliveryTarget]
        do {
            targets = try await deliveries.targets(of: messages, now: clock.now())
        } catch {
            // The claims run out and another pass tries again.
            logger.error("webhook deliveries not read", metadata: ["error": "\(error)"])
            return
        }
        var refusals: [String: String] = [:]
        for host in Set(targets.values.compactMap { URLComponents(string: $0.endpoint.url)?.host }) {
            refusals[host] = await urlRule.addressError(of: host)
        }
        await withTaskGroup(of: Void.self) { [refusals] group in
            var pending = messages[...]
            for _ in 0..<min(concurrency, pending.count) {
                let message = pending.removeFirst()
                group.addTask { await self.deliver(message, to: targets[message.messageId], refusals: refusals) }
            }
            for await _ in group {
                guard let message = pending.popFirst() else { continue }
                group.addTask { await self.deliver(message, to: targets[message.messageId], refusals: refusals) }
            }
        }
    }

    /// Delivers one message (given up when its endpoint or event is gone or the endpoint is disabled) and records
    /// what became of it.
    private func deliver(
        _ message: DueMessage, to target: WebhookDeliveryTarget?, refusals: [String: String]
    ) async {
        let outcome: WebhookAttemptOutcome
        if let target, target.endpoint.status == .enabled {
            let answer = await attempt(target, refusals: refusals)
            outcome = policy.outcome(
                of: answer, attempts: message.attempts + 1, message: message, target: target, at: clock.now())
        } else {
            let reason = target == nil ? "the endpoint or the event no longer exists" : "the endpoint is disabled"
            outcome = WebhookAttemptOutcome(
                record: WebhookAttemptRecord(
                    messageId: message.messageId, endpointId: target?.endpoint.endpointId ?? message.recipient,
                    attempts: message.attempts, nextAttemptAt: nil, delivered: false, statusCode: nil,
                    durationMilliseconds: nil, error: reason, at: clock.now()
                ))
        }
        let disabled: Bool
        do {
            disabled = try await recorder.submit(outcome)
        } catch {
            // The claim runs out and another pass tries again.
            logger.error(
                "webhook delivery not recorded", metadata: ["messageId": "\(message.messageId)", "error": "\(error)"])
            return
        }
        guard let target, target.endpoint.status == .enabled else { return }
        let record = outcome.record
        DomainCounters.webhookDelivered(
            outcome: record.delivered ? "delivered" : record.nextAttemptAt == nil ? "failed" : "retrying")
        if disabled, let disable = outcome.disable {
            logger.warning(
                "webhook endpoint disabled",
                metadata: ["endpointId": "\(target.endpoint.endpointId)", "reason": "\(disable.reason)"])
        }
    }

    /// One `POST` of the target's event.
    private func attempt(
        _ target: WebhookDeliveryTarget, refusals: [String: String]
    ) async -> WebhookDeliveryPolicy.Answer {
        guard let host = URLComponents(string: target.endpoint.url)?.host else {
            return .init(statusCode: nil, error: "the endpoint's URL has no host")
        }
        if let refusal = refusals[host] {
            return .init(statusCode: nil, error: "the endpoint's URL \(refusal)")
        }
        let body = target.event.jsonValue.jsonBytes
        let timestamp = Int(clock.now().timeIntervalSince1970)
        var request = HTTPClientRequest(url: target.endpoint.url)
        request.method = .POST
        do {
            guard let box else { return .init(statusCode: nil, error: "the service has no secret key") }
            let secrets = try target.sealedSecrets.map(box.open)
            request.headers.add(name: "content-type", value: "application/json")
            request.headers.add(name: "user-agent", value: "Avara-Webhooks/1")
            request.headers.add(name: "webhook-id", value: target.event.eventId)
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(
                name: "webhook-signature",
                value: try WebhookSignature.header(
                    id: target.event.eventId, timestamp: timestamp, body: body, secrets: secrets))
        } catch {
            return .init(statusCode: nil, error: "the endpoint's secret cannot be read: \(error)")
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let started = ContinuousClock.now
        do {
            let response = try await Self.client.execute(request, timeout: TimeAmount(timeout))
            // Only the status matters; a receiver's body is read no further than this.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let retryAfter = response.headers.first(name: "retry-after").flatMap(TimeInterval.init)
            return .init(
                statusCode: Int(response.status.code), retryAfter: retryAfter,
                durationMilliseconds: Self.milliseconds(since: started))
        } catch {
            return .init(
                statusCode: nil, durationMilliseconds: Self.milliseconds(since: started),
                error: "no answer: \(error)")
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
