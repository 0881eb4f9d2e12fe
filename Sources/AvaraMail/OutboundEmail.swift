import AvaraCore

/// A rendered message as a transport receives it from the outbox.
package struct OutboundEmail: Sendable, Equatable {
    /// The stable Message-ID (without angle brackets); the same on every delivery attempt.
    package var messageId: String
    /// The envelope recipient.
    package var recipient: String
    /// The RFC 5322 message, CRLF line endings.
    package var rendered: String
}
