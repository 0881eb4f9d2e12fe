import Foundation

/// What the outbox keeps of an invitation email until a transport accepts it: the facts the email states, not
/// its rendering.
///
/// Rendering (templates, MIME, quoted-printable) happens in the mail adapter at delivery time, off the
/// request path, and the stored row stays small. The payload holds the acceptance link, so the outbox clears it
/// once the message is sent.
package struct QueuedInvitationEmail: Sendable, Equatable {
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
    package var acceptURL: String
    package var expiresAt: Date?

    package init(
        messageId: String, date: Date, from: MailAddress, to: MailAddress, productName: String, clinicName: String,
        clinicRole: String, level: String, acceptURL: String, expiresAt: Date?
    ) {
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
