import Foundation
import Synchronization

/// Counts failed logins per account and per client address, and refuses further attempts for a while once either
/// has too many: password guessing gets slow, and a guesser spreading over accounts is caught by its address.
///
/// Counts live in memory (per process): a restart or another replica starts afresh, which bounds rather than
/// defeats the protection.
package final class LoginThrottle: Sendable {
    /// Failures allowed per account in one ``window``.
    package let accountLimit: Int
    /// Failures allowed per address in one ``window``.
    package let addressLimit: Int
    /// How long failures count.
    package let window: TimeInterval
    private let clock: any ServiceClock
    private let failures = Mutex<[String: [Date]]>([:])

    package init(accountLimit: Int = 5, addressLimit: Int = 20, window: TimeInterval = 15 * 60, clock: any ServiceClock) {
        self.accountLimit = accountLimit
        self.addressLimit = addressLimit
        self.window = window
        self.clock = clock
    }

    /// Seconds to wait before `account` may try again from `address`, or `nil` when it may try now.
    package func retryAfter(account: String, address: String) -> TimeInterval? {
        let now = clock.now()
        return failures.withLock { failures in
            let waits = [(Self.accountKey(account), accountLimit), (Self.addressKey(address), addressLimit)]
                .compactMap { key, limit -> TimeInterval? in
                    let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
                    failures[key] = recent.isEmpty ? nil : recent
                    guard recent.count >= limit, let oldest = recent.first else { return nil }
                    return window - now.timeIntervalSince(oldest)
                }
            return waits.max()
        }
    }

    /// Records a failed login.
    package func recordFailure(account: String, address: String) {
        let now = clock.now()
        failures.withLock { failures in
            if failures.count > 100_000 { failures.removeAll() }
            failures[Self.accountKey(account), default: []].append(now)
            failures[Self.addressKey(address), default: []].append(now)
        }
    }

    /// Forgets an account's failures after a successful login.
    package func recordSuccess(account: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.accountKey(account)) }
    }

    private static func accountKey(_ account: String) -> String { "account:" + account.lowercased() }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
