import AvaraCore
import Foundation

/// When to try a message again after a transient failure, and when to give up.
package struct DeliveryRetryPolicy: Sendable {
    /// The wait after the first failure; it doubles with each further failure.
    package var initialDelay: Duration = .seconds(30)
    /// The longest wait between two attempts.
    package var maximumDelay: Duration = .seconds(3600)
    /// How long after its creation a message keeps being retried.
    package var giveUpAfter: Duration = .seconds(48 * 3600)

    package init() {}

    /// When to retry a message created at `createdAt` that has now failed `attempts` times,
    /// or `nil` to give up.
    package func nextAttempt(after attempts: Int, createdAt: Date, now: Date) -> Date? {
        let exponent = min(max(attempts - 1, 0), 20)
        let delay = min(initialDelay * (1 << exponent), maximumDelay)
        let next = now.addingTimeInterval(delay.seconds)
        guard next.timeIntervalSince(createdAt) <= giveUpAfter.seconds else { return nil }
        return next
    }
}
