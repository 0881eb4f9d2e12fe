import Foundation

/// Delivers rendered mail somewhere: an SMTP relay, an outbox folder, a test double.
///
/// Delivery is at least once: the outbox dispatcher retries after a `.transient` failure, so the same
/// message (same `messageId`) may be delivered more than once. Implementations should make
/// redelivery idempotent where they can, keyed on the Message-ID.
package protocol MailTransport: Sendable {
    /// Delivers an already rendered message, throwing `MailDeliveryError` on failure.
    func deliver(_ email: OutboundEmail) async throws
}

extension MailTransport {
    /// Renders `message` (RFC 5322) and delivers it to its `To` address.
    func deliver(_ message: MailMessage) async throws {
        try await deliver(
            OutboundEmail(messageId: message.messageId, recipient: message.to.address, rendered: message.rfc5322())
        )
    }
}

/// Why a delivery failed, and whether trying again can help.
package struct MailDeliveryError: Error, Sendable {
    /// How the caller should react to the failure.
    package enum Kind: Sendable {
        /// The failure may go away (network down, relay busy, disk full): keep the message and retry later.
        case transient
        /// Retrying cannot help (recipient rejected, message refused): give up and mark the delivery failed.
        case permanent
    }

    /// Whether to retry or give up.
    package var kind: Kind
    /// A human-readable explanation for logs; it may include the underlying error.
    package var reason: String

    package init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
