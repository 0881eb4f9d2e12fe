import AvaraCore
import AvaraSupport
import Foundation
import Logging
import NIOSSL

/// A ``MailTransport`` that hands each message to an SMTP server, one connection per message.
///
/// ```swift
/// let transport = SMTPTransport(
///     configuration: SMTPConfiguration(server: try SMTPServerURL("smtps://user:pass@smtp.clinic.example"),
///                                      envelopeSender: "invites@clinic.example"),
///     logger: logger
/// )
/// try await transport.deliver(email)
/// ```
///
/// Failures are ``MailDeliveryError``s the outbox acts on: `.transient` (kept and retried) for a refused or lost
/// connection, a timeout, a TLS failure, a 4xx reply or a broken protocol; `.permanent` (marked failed) for a 5xx
/// reply or a message SMTP cannot carry. The reason names the server and quotes its reply, with the recipient
/// and the user name blanked out. Nothing here logs above debug level; commands (without addresses or secrets)
/// are logged at trace level.
package struct SMTPTransport: MailTransport {
    package let configuration: SMTPConfiguration
    private let tlsContext: Result<NIOSSLContext, ConfigurationError>
    private let logger: Logger

    /// Creates a transport; a TLS set-up error (an unreadable CA file) is reported by every ``deliver(_:)``.
    package init(configuration: SMTPConfiguration, logger: Logger) {
        self.configuration = configuration
        self.tlsContext = Result { () throws(ConfigurationError) -> NIOSSLContext in try configuration.makeTLSContext()
        }
        self.logger = logger
    }

    /// Delivers `email` to `email.recipient` with `configuration.envelopeSender` as the envelope sender.
    ///
    /// - Throws: ``MailDeliveryError``.
    package func deliver(_ email: OutboundEmail) async throws {
        let server = configuration.server
        let tlsContext: NIOSSLContext
        switch self.tlsContext {
        case .success(let context): tlsContext = context
        case .failure(let error):
            throw MailDeliveryError(
                kind: .transient, reason: error.description,
                clinicReason: "the service's mail settings are not usable; it is retried"
            )
        }
        logger.debug(
            "smtp delivery",
            metadata: ["server": "\(server)", "messageId": "\(email.messageId)", "to": "\(email.recipient)"]
        )
        do throws(SMTPError) {
            let connection = try await SMTPConnection.connect(
                host: server.host, port: server.port,
                implicitTLS: server.security == .implicitTLS ? tlsContext : nil,
                connectTimeout: configuration.connectTimeout, replyTimeout: configuration.replyTimeout, logger: logger
            )
            var session = SMTPSession(
                connection: connection, server: server, tls: configuration.tls, tlsContext: tlsContext, logger: logger
            )
            do throws(SMTPError) {
                try await session.open()
                let reply = try await session.send(
                    from: configuration.envelopeSender, to: email.recipient, content: email.rendered
                )
                await session.quit()
                logger.debug(
                    "smtp delivered",
                    metadata: [
                        "messageId": "\(email.messageId)",
                        "reply": "\(redacted(reply.summary, recipient: email.recipient))",
                    ]
                )
            } catch {
                if case .reply = error {
                    // The server still talks: end politely.
                    await session.quit()
                } else {
                    await session.abort()
                }
                throw error
            }
        } catch {
            throw MailDeliveryError(
                kind: error.kind,
                reason: redacted(error.reason(server: server.hostAndPort), recipient: email.recipient),
                clinicReason: redacted(error.clinicReason, recipient: email.recipient)
            )
        }
    }

    /// `text` with the recipient address and the SMTP user name blanked out, so that a reason, which the outbox
    /// logs at warning level, never holds them.
    private func redacted(_ text: String, recipient: String) -> String {
        var text = text
        for secret in [recipient, configuration.server.credentials?.username].compactMap(\.self) where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "<redacted>", options: .caseInsensitive)
        }
        return text
    }
}
