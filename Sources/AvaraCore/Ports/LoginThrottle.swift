import Foundation

/// Counts login attempts per account and per client address, and refuses further attempts for a while once either
/// has too many: password guessing gets slow, and a guesser spreading over accounts is caught by its address.
///
/// An attempt is counted before its password is checked, in one atomic step, so that concurrent guesses (on one
/// replica or several) cannot all pass the limit while the first ones are still being checked. A successful login
/// gives its attempt back.
package protocol LoginThrottle: Sendable {
    /// Counts an attempt of `account` from `address`.
    ///
    /// - Returns: `nil` when the attempt may go on, or the seconds to wait when the account or the address has used
    ///   up its attempts (the attempt is then refused and must not check a password).
    func admit(account: String, address: String) async throws -> TimeInterval?

    /// After a successful login: forgets the account's attempts and gives the address back the one just counted.
    func recordSuccess(account: String, address: String) async throws
}
