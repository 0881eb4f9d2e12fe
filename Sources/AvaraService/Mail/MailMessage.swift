import Foundation

/// A fully composed email, ready to be rendered by `rfc5322()` and handed to a `MailTransport`.
struct MailMessage: Sendable, Equatable {
    /// The Message-ID without angle brackets, e.g. `inv-3f9c…@avara.local`.
    ///
    /// It identifies the message across redeliveries: transports use it to make
    /// at-least-once delivery idempotent, and the MIME boundary is derived from it.
    var messageId: String
    /// The origination date written to the `Date` header (rendered in UTC).
    var date: Date
    /// The sender.
    var from: MailAddress
    /// The single recipient.
    var to: MailAddress
    /// The subject line, as plain (unencoded) text.
    var subject: String
    /// The `text/plain` alternative.
    var textBody: String
    /// The `text/html` alternative.
    var htmlBody: String
}
