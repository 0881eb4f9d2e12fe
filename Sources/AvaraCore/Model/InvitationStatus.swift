import Foundation

/// The state of a user's invitation as the API reports it.
package enum InvitationStatus: String, Sendable, Equatable {
    /// Sent and not yet accepted; the link works until the expiry.
    case pending
    /// The user set a password; the link is used up.
    case accepted
    /// Pending past its expiry; the link no longer works (a resend renews it).
    case expired
    /// Withdrawn by the clinic; the link no longer works (a resend renews it).
    case revoked

    /// The status reported at `now` for a stored status and expiry: a pending invitation past its expiry is expired.
    package static func reported(stored: String, expiresAt: Date, now: Date) -> InvitationStatus {
        let status = InvitationStatus(rawValue: stored) ?? .pending
        return status == .pending && expiresAt <= now ? .expired : status
    }
}

/// A user's current invitation, as reported with the user.
package struct InvitationState: Sendable, Equatable {
    package var status: InvitationStatus
    package var expiresAt: Date

    package init(status: InvitationStatus, expiresAt: Date) {
        self.status = status
        self.expiresAt = expiresAt
    }

    /// The state reported at `now` for the invitation's stored status and expiry.
    package init(stored status: String, expiresAt: Date, now: Date) {
        self.init(status: InvitationStatus.reported(stored: status, expiresAt: expiresAt, now: now), expiresAt: expiresAt)
    }
}
