import AvaraCore
import AvaraSupport
import NIOSSL

/// How ``SMTPTransport`` delivers: the server, the envelope sender, whom to trust for TLS, and how long to wait.
///
/// ```swift
/// let configuration = SMTPConfiguration(
///     server: try SMTPServerURL("smtp://user:pass@smtp.clinic.example:587"),
///     envelopeSender: "invites@clinic.example"
/// )
/// ```
package struct SMTPConfiguration: Sendable, Equatable {
    /// Whether an `smtp://` connection must be upgraded with STARTTLS before anything is sent.
    package enum TLSPolicy: String, Sendable, Equatable, CaseIterable {
        /// Nothing is sent, credentials or message, unless the connection is encrypted: a server that does not
        /// offer STARTTLS gets no mail (the message waits, and is retried).
        case required
        /// STARTTLS when the server offers it, else clear text (credentials only to a loopback server).
        case opportunistic
    }

    /// The server and its credentials (`--smtp-url`, `AVARA_SMTP_URL`).
    package var server: SMTPServerURL
    /// Whether TLS is required (`--smtp-tls`, `AVARA_SMTP_TLS`). `smtps://` is always encrypted.
    package var tls: TLSPolicy
    /// The `MAIL FROM` address (the address of `--mail-from`, `AVARA_MAIL_FROM`).
    package var envelopeSender: String
    /// A PEM file of CA certificates trusted in addition to the system's (`AVARA_SMTP_CA_FILE`), for a relay
    /// whose certificate a private CA signed. Certificates are always verified, host name included.
    package var trustRootsFile: String?
    /// How long the TCP connect may take. Default 10 s.
    package var connectTimeout: Duration
    /// How long to wait for each reply, the TLS handshake included. Default 60 s.
    package var replyTimeout: Duration

    /// - Parameter tls: Default: `.opportunistic` for a relay on loopback without credentials, else `.required`:
    ///   a STARTTLS an attacker on the way strips would otherwise expose the invitation links.
    package init(
        server: SMTPServerURL,
        tls: TLSPolicy? = nil,
        envelopeSender: String,
        trustRootsFile: String? = nil,
        connectTimeout: Duration = .seconds(10),
        replyTimeout: Duration = .seconds(60)
    ) {
        self.server = server
        self.tls =
            tls ?? (server.credentials == nil && URLAuthority.isLoopback(server.host) ? .opportunistic : .required)
        self.envelopeSender = envelopeSender
        self.trustRootsFile = trustRootsFile
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// The TLS client context for STARTTLS and `smtps://`: TLS 1.2 or later, full certificate verification
    /// against the system's trust roots plus ``trustRootsFile``.
    ///
    /// - Throws: ``ConfigurationError`` when the trust roots cannot be loaded.
    package func makeTLSContext() throws(ConfigurationError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let trustRootsFile {
            tls.additionalTrustRoots = [.file(trustRootsFile)]
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw ConfigurationError(
                "cannot set up TLS for the SMTP server\(trustRootsFile.map { " with the CA file \($0)" } ?? ""): \(error)"
            )
        }
    }
}
