import AvaraCore
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
    /// The server and its credentials (`--smtp-url`, `AVARA_SMTP_URL`).
    package var server: SMTPServerURL
    /// The `MAIL FROM` address (the address of `--mail-from`, `AVARA_MAIL_FROM`).
    package var envelopeSender: String
    /// A PEM file of CA certificates trusted in addition to the system's (`AVARA_SMTP_CA_FILE`), for a relay
    /// whose certificate a private CA signed. Certificates are always verified, host name included.
    package var trustRootsFile: String?
    /// How long the TCP connect may take. Default 10 s.
    package var connectTimeout: Duration
    /// How long to wait for each reply, the TLS handshake included. Default 60 s.
    package var replyTimeout: Duration

    package init(
        server: SMTPServerURL,
        envelopeSender: String,
        trustRootsFile: String? = nil,
        connectTimeout: Duration = .seconds(10),
        replyTimeout: Duration = .seconds(60)
    ) {
        self.server = server
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
