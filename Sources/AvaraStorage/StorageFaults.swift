import AvaraCore
import Foundation
import Synchronization

/// What a store learnt of its disk: readiness reports a full disk for ``window`` after a write failed on it.
///
/// A time window rather than "until a write succeeds": SQLite reuses its log file, so a small write (a readiness
/// probe) can succeed on a disk that still refuses an invite, and readiness would flap.
package final class StorageFaults: Sendable {
    /// How long a full disk is reported after the last write that failed on it.
    package static let window: TimeInterval = 60
    /// How long a client is asked to wait on a full disk: an operator has to act.
    package static let fullRetryAfter: TimeInterval = 60

    private let clock: any ServiceClock
    private let lastFull = Mutex<Date?>(nil)

    package init(clock: any ServiceClock = SystemClock()) {
        self.clock = clock
    }

    /// Whether a write failed on a full disk less than ``window`` ago.
    package var isFull: Bool {
        guard let last = lastFull.withLock({ $0 }) else { return false }
        return clock.now().timeIntervalSince(last) < Self.window
    }

    /// The error a write that failed on a full disk answers, after recording it.
    package func diskFull() -> ServiceError {
        let now = clock.now()
        lastFull.withLock { $0 = now }
        return .storageFull(retryAfter: Self.fullRetryAfter)
    }
}
