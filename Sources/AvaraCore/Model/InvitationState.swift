import Foundation

/// A user's current invitation, as reported with the user.
package struct InvitationState: Sendable, Equatable, Codable {
    /// The status of a user's invitation as the API reports it.
    package enum Status: String, Sendable, Equatable, Codable {
        /// Sent and not yet accepted; the link works until the expiry.
        case pending
        /// The user set a password; the link is used up.
        case accepted
        /// Pending past its expiry; the link no longer works (a resend renews it).
        case expired
        /// Withdrawn by the clinic; the link no longer works (a resend renews it).
        case revoked

        /// The status reported at `now` for a stored status and expiry: a pending invitation past its expiry is expired.
        package static func reported(stored: String, expiresAt: Date, now: Date) -> Status {
            let status = Status(rawValue: stored) ?? .pending
            return status == .pending && expiresAt <= now ? .expired : status
        }
    }

    package var status: Status
    package var expiresAt: Date
    /// What became of the email with the current link; `nil` when nothing is known (an invitation older than the
    /// record).
    package var email: InvitationEmailState?

    package init(status: Status, expiresAt: Date, email: InvitationEmailState? = nil) {
        self.status = status
        self.expiresAt = expiresAt
        self.email = email
    }

    /// The state reported at `now` for the invitation's stored status and expiry.
    package init(stored status: String, expiresAt: Date, email: InvitationEmailState? = nil, now: Date) {
        self.init(
            status: Status.reported(stored: status, expiresAt: expiresAt, now: now), expiresAt: expiresAt,
            email: email
        )
    }
}

/// What became of the email carrying a user's current invitation link.
package struct InvitationEmailState: Sendable, Equatable, Codable {
    package enum Status: String, Sendable, Equatable, Codable {
        /// Waiting for the mail server to take it (again, after a temporary failure).
        case queued
        /// Taken by the mail server (or written to the outbox folder).
        case sent
        /// Given up on; ``InvitationEmailState/reason`` says why. A resend sends a new email.
        case failed
    }

    package var status: Status
    /// Why the email failed; `nil` unless it failed.
    package var reason: String?

    package init(status: Status, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }

    /// The email of an invitation just made or renewed.
    package static let queued = InvitationEmailState(status: .queued)
}
