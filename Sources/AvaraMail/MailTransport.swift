import AvaraCore
import Foundation

/// Delivers rendered mail somewhere: an SMTP relay, an outbox folder, a test double.
///
/// Delivery is at least once: the outbox dispatcher retries after a `.transient` failure, so the same
/// message (same `messageId`) may be delivered more than once. Implementations should make
/// redelivery idempotent where they can, keyed on the Message-ID.
package protocol MailTransport: Sendable {
    /// Delivers an already rendered message, throwing `MailDeliveryError` on failure.
    func deliver(_ email: OutboundEmail) async throws

    /// How many messages ``deliver(batch:)`` should get at a time: more than one where a batch costs less than
    /// its messages one by one (one disk flush for many files). The default is 1.
    var preferredBatchSize: Int { get }

    /// Delivers `emails`, returning one result per message, in order: a failure is a `MailDeliveryError` or an
    /// error the outbox treats as transient. The default delivers them one by one.
    func deliver(batch emails: [OutboundEmail]) async -> [Result<Void, any Error>]
}

extension MailTransport {
    package var preferredBatchSize: Int { 1 }

    package func deliver(batch emails: [OutboundEmail]) async -> [Result<Void, any Error>] {
        var results: [Result<Void, any Error>] = []
        results.reserveCapacity(emails.count)
        for email in emails {
            do {
                try await deliver(email)
                results.append(.success(()))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Renders `message` (RFC 5322) and delivers it to its `To` address.
    package func deliver(_ message: MailMessage) async throws {
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
    /// A human-readable explanation for the service's log; it may name the relay, its port, file paths and the
    /// underlying error.
    package var reason: String
    /// What the clinic is shown (`invitationEmail.reason`): the same failure without the infrastructure.
    package var clinicReason: String

    /// - Parameter clinicReason: What the clinic may be shown; by default one that says only whether the failure
    ///   is retried.
    package init(kind: Kind, reason: String, clinicReason: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.clinicReason = clinicReason ?? Self.defaultClinicReason(kind)
    }

    /// What the clinic is shown of a failure that says nothing more.
    package static func defaultClinicReason(_ kind: Kind) -> String {
        switch kind {
        case .transient: "the email could not be delivered yet; it is retried"
        case .permanent: "the email could not be delivered"
        }
    }
}
