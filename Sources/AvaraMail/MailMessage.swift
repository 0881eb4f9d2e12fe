import AvaraCore
import Foundation

/// A fully composed email, ready to be rendered by `rfc5322()` and handed to a `MailTransport`.
package struct MailMessage: Sendable, Equatable {
    /// The Message-ID without angle brackets, e.g. `inv-3f9c…@avara.local`.
    ///
    /// It identifies the message across redeliveries: transports use it to make
    /// at-least-once delivery idempotent, and the MIME boundary is derived from it.
    package var messageId: String
    /// The origination date written to the `Date` header (rendered in UTC).
    package var date: Date
    /// The sender.
    package var from: MailAddress
    /// The single recipient.
    package var to: MailAddress
    /// The subject line, as plain (unencoded) text.
    package var subject: String
    /// The `text/plain` alternative.
    package var textBody: String
    /// The `text/html` alternative.
    package var htmlBody: String
}
