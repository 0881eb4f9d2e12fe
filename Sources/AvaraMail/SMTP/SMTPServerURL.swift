import AvaraCore
import AvaraSupport
import Foundation

/// The SMTP server mail goes to, as `--smtp-url`/`AVARA_SMTP_URL` name it.
///
/// ```
/// smtp://user:pass@smtp.clinic.example:587   STARTTLS when the server offers it, then AUTH
/// smtps://user:pass@smtp.clinic.example      TLS from the first byte (port 465 unless given)
/// smtp://127.0.0.1:25                        a local relay, no AUTH
/// ```
///
/// The user name and password are percent-decoded, so `user%40clinic.example` stands for `user@clinic.example`
/// and a `@`, `:` or `/` in a password is written `%40`, `%3A` or `%2F`. The password never appears in
/// ``description``.
package struct SMTPServerURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected.
    package enum Security: Sendable, Equatable {
        /// `smtp://`: a plain connection, upgraded with STARTTLS (RFC 3207) whenever the server offers it.
        case startTLSWhenOffered
        /// `smtps://`: TLS from the first byte (RFC 8314).
        case implicitTLS
    }

    /// A user name and password for SMTP AUTH.
    package struct Credentials: Sendable, Equatable, CustomStringConvertible {
        package var username: String
        package var password: String

        package init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        /// Never shows either part.
        package var description: String { "Credentials(redacted)" }
    }

    package var security: Security
    /// A host name or an IP address (IPv6 without brackets).
    package var host: String
    package var port: Int
    /// `nil` for a relay that needs no AUTH.
    package var credentials: Credentials?

    package init(security: Security, host: String, port: Int, credentials: Credentials? = nil) {
        self.security = security
        self.host = host
        self.port = port
        self.credentials = credentials
    }

    /// The default port of each scheme: 587 (submission) for `smtp`, 465 (submissions) for `smtps`.
    package static func defaultPort(for security: Security) -> Int {
        security == .implicitTLS ? 465 : 587
    }

    /// The URL with the user name and password left out, for logs and messages: `smtp://host:587`.
    package var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        return "\(scheme)://\(credentials == nil ? "" : "***@")\(hostAndPort)"
    }

    /// `host:port` (`[v6]:port` for IPv6), for error messages.
    package var hostAndPort: String {
        URLAuthority.hostAndPort(host, port)
    }

    /// Parses an `smtp://` or `smtps://` URL.
    ///
    /// - Throws: ``ConfigurationError`` naming what is wrong: an unsupported scheme, a missing or invalid host, a
    ///   bad port, a user name without a password, bad percent-encoding, or a path or query.
    package init(_ text: String) throws(ConfigurationError) {
        let name = "--smtp-url/AVARA_SMTP_URL"
        guard let schemeEnd = text.range(of: "://") else {
            throw ConfigurationError(
                "\(name) must be a URL like smtp://user:password@host:587 or smtps://host, got \"\(URLAuthority.redacted(text))\""
            )
        }
        switch text[..<schemeEnd.lowerBound].lowercased() {
        case "smtp": security = .startTLSWhenOffered
        case "smtps": security = .implicitTLS
        case let other:
            throw ConfigurationError(
                "\(name): unsupported scheme \"\(other)\"; use smtp:// (STARTTLS when offered) or smtps:// (implicit TLS)"
            )
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard rest[authorityEnd...].isEmpty || rest[authorityEnd...] == "/" else {
            // Not echoed: an unencoded "/" in a password would end the authority early.
            throw ConfigurationError(
                "\(name) must not have a path, query or fragment (percent-encode / ? # @ in the user name and password)"
            )
        }

        let parsed = try URLAuthority(authority, option: name)
        if let username = parsed.username {
            guard let password = parsed.password else {
                throw ConfigurationError("\(name) has a user name but no password (write smtp://user:password@host)")
            }
            guard !username.isEmpty else { throw ConfigurationError("\(name) has an empty user name") }
            guard !password.isEmpty else { throw ConfigurationError("\(name) has an empty password") }
            credentials = Credentials(username: username, password: password)
        } else {
            credentials = nil
        }
        host = parsed.host
        port = parsed.port ?? Self.defaultPort(for: security)
    }
}
