import AvaraCore
import Foundation
import Logging
import NIOSSL

/// The client side of the SMTP dialogue (RFC 5321 §3, §4.1) over one ``SMTPConnection``.
///
/// ``open()`` reads the greeting, says EHLO (HELO when the server does not know EHLO), upgrades with STARTTLS
/// and says EHLO again when an `smtp://` server offers it (RFC 3207), and authenticates with AUTH PLAIN, or AUTH
/// LOGIN when PLAIN is not offered (RFC 4954), when the URL has credentials. ``send(from:to:content:)`` runs one
/// mail transaction; ``quit()`` ends the session.
///
/// Credentials are only ever sent over TLS or to a server on the loopback interface, so a STARTTLS stripped by a
/// man in the middle cannot reveal them. With ``SMTPConfiguration/TLSPolicy/required``, a server that does not
/// offer STARTTLS gets nothing at all: no credentials, no message.
package struct SMTPSession {
    private var connection: SMTPConnection
    private let server: SMTPServerURL
    private let tls: SMTPConfiguration.TLSPolicy
    private let tlsContext: NIOSSLContext
    private let logger: Logger
    /// What the server announced in its last EHLO reply.
    private(set) var capabilities = SMTPCapabilities.none

    package init(
        connection: SMTPConnection, server: SMTPServerURL, tls: SMTPConfiguration.TLSPolicy,
        tlsContext: NIOSSLContext, logger: Logger
    ) {
        self.connection = connection
        self.server = server
        self.tls = tls
        self.tlsContext = tlsContext
        self.logger = logger
    }

    /// Whether the session runs over TLS.
    package var isEncrypted: Bool { connection.isEncrypted }

    /// Greeting, EHLO or HELO, STARTTLS and EHLO again when offered, then AUTH when there are credentials.
    package mutating func open() async throws(SMTPError) {
        let greeting = try await connection.greeting()
        guard greeting.code == 220 else {
            throw .reply(command: "the connection (greeting)", reply: greeting)
        }
        try await hello(allowingHELO: true)
        if server.security == .startTLSWhenOffered, capabilities.supports("STARTTLS") {
            let reply = try await connection.send("STARTTLS")
            guard reply.code == 220 else { throw .reply(command: "STARTTLS", reply: reply) }
            try await connection.startTLS(context: tlsContext, host: server.host)
            // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
            try await hello(allowingHELO: false)
        } else if server.security == .startTLSWhenOffered, tls == .required {
            throw .refused(
                "TLS is required (--smtp-tls required) but the server does not offer STARTTLS; nothing is sent in clear text"
            )
        } else if server.security == .startTLSWhenOffered {
            logger.debug(
                "smtp server does not offer STARTTLS; continuing without TLS", metadata: ["server": "\(server)"])
        }
        if let credentials = server.credentials {
            try await authenticate(credentials)
        }
    }

    /// One mail transaction: `MAIL FROM`, `RCPT TO`, `DATA` and the dot-stuffed content.
    ///
    /// - Returns: the server's reply to the content, e.g. `250 2.0.0 OK queued as 1A2B3C`.
    package func send(from sender: String, to recipient: String, content: String) async throws(SMTPError) -> SMTPReply {
        try Self.checkEnvelopeAddress(sender, role: "sender")
        try Self.checkEnvelopeAddress(recipient, role: "recipient")
        var parameters = ""
        if !content.utf8.allSatisfy({ $0 < 0x80 }), capabilities.supports("8BITMIME") {
            parameters += " BODY=8BITMIME"
        }
        if !(sender + recipient).utf8.allSatisfy({ $0 < 0x80 }) {
            guard capabilities.supports("SMTPUTF8") else {
                throw .unsendable("an envelope address is not ASCII and the server does not announce SMTPUTF8")
            }
            parameters += " SMTPUTF8"
        }
        let mail = try await connection.send("MAIL FROM:<\(sender)>\(parameters)", label: "MAIL FROM")
        guard mail.isPositiveCompletion else { throw .reply(command: "MAIL FROM", reply: mail) }
        let rcpt = try await connection.send("RCPT TO:<\(recipient)>", label: "RCPT TO")
        guard rcpt.isPositiveCompletion else { throw .reply(command: "RCPT TO", reply: rcpt) }
        let data = try await connection.send("DATA")
        guard data.code == 354 else { throw .reply(command: "DATA", reply: data) }
        let accepted = try await connection.sendData(SMTPMessageContent.encode(content))
        guard accepted.isPositiveCompletion else { throw .reply(command: "the message content", reply: accepted) }
        return accepted
    }

    /// Says QUIT and closes the connection; a server that does not answer within 5 s (or the reply timeout, if
    /// shorter) does not make this fail or wait longer.
    package func quit() async {
        _ = try? await connection.send("QUIT", timeout: min(connection.replyTimeout, .seconds(5)))
        await connection.close()
    }

    /// Closes the connection without QUIT, after a failure.
    package func abort() async {
        await connection.close()
    }

    /// EHLO, or HELO after a 5xx to EHLO when `allowingHELO`.
    private mutating func hello(allowingHELO: Bool) async throws(SMTPError) {
        let name = connection.localAddressLiteral
        let ehlo = try await connection.send("EHLO \(name)")
        if ehlo.isPositiveCompletion {
            capabilities = SMTPCapabilities(ehloReply: ehlo)
            return
        }
        guard allowingHELO, ehlo.isPermanentNegative else { throw .reply(command: "EHLO", reply: ehlo) }
        logger.debug(
            "smtp server refused EHLO; falling back to HELO", metadata: ["server": "\(server)", "code": "\(ehlo.code)"])
        let helo = try await connection.send("HELO \(name)")
        guard helo.isPositiveCompletion else { throw .reply(command: "HELO", reply: helo) }
        capabilities = .none
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN.
    private func authenticate(_ credentials: SMTPServerURL.Credentials) async throws(SMTPError) {
        guard connection.isEncrypted || connection.isLoopback else {
            throw .refused(
                "the connection is not encrypted (the server did not offer STARTTLS), so the credentials are not sent; use smtps:// or a server that offers STARTTLS"
            )
        }
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(credentials.username)\0\(credentials.password)")
            var reply = try await connection.send("AUTH PLAIN \(token)", label: "AUTH PLAIN")
            if reply.code == 334 {
                // A server that ignores the initial response asks for it again with an empty challenge.
                reply = try await connection.send(token, label: "AUTH PLAIN (credentials)")
            }
            guard reply.code == 235 else { throw .reply(command: "AUTH PLAIN", reply: reply) }
        } else if mechanisms.contains("LOGIN") {
            let start = try await connection.send("AUTH LOGIN")
            guard start.code == 334 else { throw .reply(command: "AUTH LOGIN", reply: start) }
            let user = try await connection.send(Self.base64(credentials.username), label: "AUTH LOGIN (user name)")
            guard user.code == 334 else { throw .reply(command: "AUTH LOGIN (user name)", reply: user) }
            let done = try await connection.send(Self.base64(credentials.password), label: "AUTH LOGIN (password)")
            guard done.code == 235 else { throw .reply(command: "AUTH LOGIN (password)", reply: done) }
        } else if mechanisms.isEmpty {
            throw .refused("the URL has credentials but the server does not offer AUTH")
        } else {
            throw .refused(
                "the server offers AUTH \(mechanisms.sorted().joined(separator: " ")) but not PLAIN or LOGIN, the mechanisms Avara supports"
            )
        }
        logger.debug(
            "smtp authenticated",
            metadata: ["server": "\(server)", "mechanism": "\(mechanisms.contains("PLAIN") ? "PLAIN" : "LOGIN")"])
    }

    /// Refuses an address that would break the command line it is written into.
    private static func checkEnvelopeAddress(_ address: String, role: String) throws(SMTPError) {
        guard !address.isEmpty,
            !address.unicodeScalars.contains(where: {
                $0 == "<" || $0 == ">" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
            })
        else {
            throw .unsendable("the envelope \(role) address cannot be written in an SMTP command")
        }
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
