import Foundation

/// What the outbox keeps of an email until a transport accepts it (an invitation, or a link to reset a password):
/// the facts the email states, not its rendering.
///
/// Rendering (templates, MIME, quoted-printable) happens in the mail adapter at delivery time, off the
/// request path, and the stored row stays small. The payload holds the email's link, so the outbox clears it
/// once the message is sent.
package struct QueuedEmail: Sendable, Equatable {
    /// What an email is for; its templates follow from it.
    package enum Kind: String, Sendable, Equatable {
        /// An invitation to a product (templates by product).
        case invitation
        /// A link to choose a new password for the dashboard.
        case passwordReset
    }

    package var kind: Kind
    /// The stable Message-ID (without angle brackets), the same on every delivery attempt.
    package var messageId: String
    /// The origination date of the `Date` header: the moment of the invite.
    package var date: Date
    package var from: MailAddress
    package var to: MailAddress
    /// `Viewer` or `AutoScribe`.
    package var productName: String
    package var clinicName: String
    package var clinicRole: String
    package var level: String
    /// The link the email carries: the invitation's acceptance page, or the page that resets the password.
    package var acceptURL: String
    package var expiresAt: Date?

    package init(
        kind: Kind = .invitation, messageId: String, date: Date, from: MailAddress, to: MailAddress,
        productName: String, clinicName: String,
        clinicRole: String, level: String, acceptURL: String, expiresAt: Date?
    ) {
        self.kind = kind
        self.messageId = messageId
        self.date = date
        self.from = from
        self.to = to
        self.productName = productName
        self.clinicName = clinicName
        self.clinicRole = clinicRole
        self.level = level
        self.acceptURL = acceptURL
        self.expiresAt = expiresAt
    }
}
