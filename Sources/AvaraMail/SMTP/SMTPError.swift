import AvaraCore

/// What went wrong talking to an SMTP server; ``SMTPTransport`` turns it into a ``MailDeliveryError``.
///
/// No case holds a password, and ``reply(command:reply:)`` names the command (`RCPT TO`), never its argument.
package enum SMTPError: Error, Sendable {
    /// The TCP connection could not be made (refused, unreachable, name not found, connect timeout).
    case connectFailed(any Error)
    /// No (complete) reply came within the reply timeout; `waitingFor` names the command or stage.
    case timedOut(waitingFor: String, after: Duration)
    /// The TLS handshake or the TLS layer failed (certificate not trusted, wrong host name, protocol error).
    case tls(any Error)
    /// The server closed the connection before answering.
    case connectionClosed
    /// Reading or writing failed below SMTP.
    case io(any Error)
    /// The server answered `command` with a reply that does not let the delivery go on.
    case reply(command: String, reply: SMTPReply)
    /// The server broke the protocol (a line that is not a reply, data pushed after STARTTLS, …).
    case protocolViolation(String)
    /// The client refuses to go on: credentials over an unencrypted connection, no common AUTH mechanism.
    case refused(String)
    /// The message cannot be expressed in SMTP (an address with a line break or angle bracket).
    case unsendable(String)

    /// Whether trying again later can help.
    ///
    /// A refused login (a 5xx to `AUTH`, or 530 "authentication required") is the service's configuration, not the
    /// message: it stays retryable so that queued invitations go out once the operator fixes the credentials.
    package var kind: MailDeliveryError.Kind {
        switch self {
        case .reply(let command, let reply) where command.hasPrefix("AUTH") || reply.code == 530:
            .transient
        case .reply(_, let reply): reply.isPermanentNegative ? .permanent : .transient
        case .unsendable: .permanent
        case .connectFailed, .timedOut, .tls, .connectionClosed, .io, .protocolViolation, .refused: .transient
        }
    }

    /// An explanation for logs and the outbox, with `server` (host:port) for context.
    package func reason(server: String) -> String {
        switch self {
        case .connectFailed(let error):
            "could not connect to SMTP server \(server): \(error)"
        case .timedOut(let waitingFor, let after):
            "SMTP server \(server) did not answer \(waitingFor) within \(after)"
        case .tls(let error):
            "TLS with SMTP server \(server) failed: \(error)"
        case .connectionClosed:
            "SMTP server \(server) closed the connection"
        case .io(let error):
            "connection to SMTP server \(server) failed: \(error)"
        case .reply(let command, let reply):
            "SMTP server \(server) answered \(command) with \(reply.summary)"
        case .protocolViolation(let message):
            "SMTP server \(server) broke the protocol: \(message)"
        case .refused(let message):
            "not delivering through \(server): \(message)"
        case .unsendable(let message):
            "cannot send through \(server): \(message)"
        }
    }
}
