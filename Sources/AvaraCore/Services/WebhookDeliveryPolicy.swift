import Foundation

/// What the service does with each answer of a webhook endpoint: a 2xx is delivered; a timeout, a connection
/// error, a 3xx, a 429 (after its `Retry-After`) and a 5xx are tried again after about 5 s, 5 min, 30 min, 2 h, 5 h,
/// 10 h and 10 h (each ±10 %, so that retries of many deliveries spread out), then given up; any other 4xx is given
/// up at once; a 410 also disables the endpoint; and an endpoint whose deliveries have all failed for 5 days is
/// disabled.
package struct WebhookDeliveryPolicy: Sendable {
    /// The waits after the first, second, … failed attempt, in seconds.
    package static let retryDelays: [TimeInterval] = [5, 300, 1800, 7200, 18_000, 36_000, 36_000]
    /// How long every delivery to an endpoint may fail before it is disabled.
    package static let failingLimit: TimeInterval = 5 * 86_400

    /// What one attempt got: an HTTP status, or none (a timeout, a refused or broken connection, an address no
    /// longer allowed) with why.
    package struct Answer: Sendable, Equatable {
        package var statusCode: Int?
        /// A 429's or 503's `Retry-After`, in seconds.
        package var retryAfter: TimeInterval?
        package var durationMilliseconds: Int?
        package var error: String?

        package init(
            statusCode: Int?, retryAfter: TimeInterval? = nil, durationMilliseconds: Int? = nil, error: String? = nil
        ) {
            self.statusCode = statusCode
            self.retryAfter = retryAfter
            self.durationMilliseconds = durationMilliseconds
            self.error = error
        }
    }

    private let random: any RandomSource

    package init(random: any RandomSource) {
        self.random = random
    }

    /// The record of `answer` to the attempt number `attempts` of `message`, and the endpoint's disabling if the
    /// answer calls for it (with its `webhook_endpoint.disabled` event).
    package func outcome(
        of answer: Answer, attempts: Int, message: DueMessage, target: WebhookDeliveryTarget, at now: Date
    ) -> WebhookAttemptOutcome {
        let status = answer.statusCode
        let delivered = status.map { (200...299).contains($0) } ?? false
        let retryable = status.map { (300...399).contains($0) || $0 == 429 || (500...599).contains($0) } ?? true
        var next: Date?
        if !delivered, retryable, attempts <= Self.retryDelays.count {
            let delay = jittered(Self.retryDelays[attempts - 1])
            next = now.addingTimeInterval(max(delay, min(answer.retryAfter ?? 0, 86_400)))
        }
        let record = WebhookAttemptRecord(
            messageId: message.messageId, endpointId: target.endpoint.endpointId, attempts: attempts,
            nextAttemptAt: next, delivered: delivered, statusCode: status,
            durationMilliseconds: answer.durationMilliseconds,
            error: delivered ? nil : answer.error ?? status.map { "the endpoint answered \($0)" }, at: now
        )
        var reason: String?
        if status == 410 {
            reason = "the endpoint answered 410 Gone"
        } else if !delivered, let since = target.failingSince, now.timeIntervalSince(since) >= Self.failingLimit {
            reason = "every delivery failed for 5 days"
        }
        guard let reason else { return WebhookAttemptOutcome(record: record) }
        var endpoint = target.endpoint
        endpoint.status = .disabled
        endpoint.disabledReason = reason
        endpoint.updatedAt = now
        let event = SystemEvents(random: random).event(
            .webhookEndpointDisabled, clinicId: endpoint.clinicId, subjectId: endpoint.endpointId,
            data: endpoint.eventData, at: now
        )
        return WebhookAttemptOutcome(record: record, disable: WebhookEndpointDisabling(reason: reason, event: event))
    }

    /// `seconds` ±10 %.
    private func jittered(_ seconds: TimeInterval) -> TimeInterval {
        let unit = Double(random.bytes(2).reduce(0) { $0 << 8 | Int($1) }) / 65_535
        return seconds * (0.9 + 0.2 * unit)
    }
}
