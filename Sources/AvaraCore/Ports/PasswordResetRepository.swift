import Foundation

/// A link that resets the dashboard password of every account of an email.
package struct PasswordReset: Sendable, Equatable {
    package var tokenHash: String
    /// The email whose accounts it resets, lowercased.
    package var emailKey: String
    package var createdAt: Date
    package var expiresAt: Date

    package init(tokenHash: String, emailKey: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.emailKey = emailKey
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// The password reset links.
package protocol PasswordResetRepository: Sendable {
    /// Records `reset` and queues `email`, which carries its link, in one transaction.
    func create(_ reset: PasswordReset, email: OutboxMessage) async throws

    /// The reset of `tokenHash` if it is unused and unexpired at `now`.
    func reset(tokenHash: String, now: Date) async throws -> PasswordReset?

    /// Uses the reset of `tokenHash`, once: sets `passwordHash` on every account of its email that can sign in
    /// (dashboard access, a password already) and ends their sessions, in one transaction.
    ///
    /// - Returns: the ids of the accounts changed; `nil`, writing nothing, when the link was used or expired by `now`.
    func complete(tokenHash: String, passwordHash: String, now: Date) async throws -> [String]?
}
