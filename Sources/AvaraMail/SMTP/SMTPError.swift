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

    /// What a clinic is shown: which stage failed and the server's reply code, never the server's name, port or the
    /// text of its reply (which may name hosts).
    package var clinicReason: String {
        switch self {
        case .connectFailed: "the mail server could not be reached; it is retried"
        case .timedOut: "the mail server did not answer in time; it is retried"
        case .tls: "no secure connection to the mail server could be made; it is retried"
        case .connectionClosed, .io, .protocolViolation: "the connection to the mail server failed; it is retried"
        case .refused: "the service will not send through the mail server as configured; it is retried"
        case .reply(let command, let reply):
            kind == .permanent
                ? "the mail server refused \(command == "RCPT TO" ? "the recipient" : "the message") (\(reply.codes))"
                : "the mail server answered \(reply.codes); it is retried"
        case .unsendable(let message): "the email cannot be sent: \(message)"
        }
    }

    /// An explanation for logs, with `server` (host:port) for context.
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
