import Foundation

/// Counts failed logins per account and per client address, and refuses further attempts for a while once either
/// has too many: password guessing gets slow, and a guesser spreading over accounts is caught by its address.
package protocol LoginThrottle: Sendable {
    /// Seconds to wait before `account` may try again from `address`, or `nil` when it may try now.
    func retryAfter(account: String, address: String) async throws -> TimeInterval?

    /// Records a failed login.
    func recordFailure(account: String, address: String) async throws

    /// Forgets an account's failures after a successful login.
    func recordSuccess(account: String) async throws
}
