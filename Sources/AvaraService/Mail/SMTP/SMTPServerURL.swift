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
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(credentials == nil ? "" : "***@")\(shownHost):\(port)"
    }

    /// `host:port` (`[v6]:port` for IPv6), for error messages.
    package var hostAndPort: String {
        "\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// Parses an `smtp://` or `smtps://` URL.
    ///
    /// - Throws: ``ConfigurationError`` naming what is wrong: an unsupported scheme, a missing or invalid host, a
    ///   bad port, a user name without a password, bad percent-encoding, or a path or query.
    package init(_ text: String) throws(ConfigurationError) {
        let name = "--smtp-url/AVARA_SMTP_URL"
        guard let schemeEnd = text.range(of: "://") else {
            throw ConfigurationError("\(name) must be a URL like smtp://user:password@host:587 or smtps://host, got \"\(Self.redacted(text))\"")
        }
        switch text[..<schemeEnd.lowerBound].lowercased() {
        case "smtp": security = .startTLSWhenOffered
        case "smtps": security = .implicitTLS
        case let other:
            throw ConfigurationError("\(name): unsupported scheme \"\(other)\"; use smtp:// (STARTTLS when offered) or smtps:// (implicit TLS)")
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

        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            guard let colon = userInfo.firstIndex(of: ":") else {
                throw ConfigurationError("\(name) has a user name but no password (write smtp://user:password@host)")
            }
            let username = try Self.percentDecoded(userInfo[..<colon], part: "user name")
            let password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...], part: "password")
            guard !username.isEmpty else { throw ConfigurationError("\(name) has an empty user name") }
            guard !password.isEmpty else { throw ConfigurationError("\(name) has an empty password") }
            credentials = Credentials(username: username, password: password)
        } else {
            credentials = nil
        }

        let portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw ConfigurationError("\(name): unterminated IPv6 address \"\(hostPort)\"")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw ConfigurationError("\(name): unexpected \"\(after)\" after the IPv6 address")
            }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw ConfigurationError("\(name): invalid IPv6 address \"[\(host)]\"")
            }
        } else {
            let colon = hostPort.lastIndex(of: ":")
            host = String(hostPort[..<(colon ?? hostPort.endIndex)])
            portText = colon.map { hostPort[hostPort.index(after: $0)...] }
            guard !host.isEmpty else {
                throw ConfigurationError("\(name) has no host (write e.g. smtp://smtp.clinic.example:587)")
            }
            guard host.unicodeScalars.allSatisfy(Self.isHostCharacter), !host.hasPrefix("-"), !host.hasPrefix(".") else {
                throw ConfigurationError("\(name): invalid host \"\(host)\"")
            }
        }

        if let portText {
            guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
                let port = Int(portText), (1...65535).contains(port)
            else {
                throw ConfigurationError("\(name): the port must be a number from 1 to 65535, got \"\(portText)\"")
            }
            self.port = port
        } else {
            port = Self.defaultPort(for: security)
        }
    }

    private static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_": true
        default: false
        }
    }

    /// Decodes `%XX` escapes as UTF-8.
    private static func percentDecoded(_ text: Substring, part: String) throws(ConfigurationError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw ConfigurationError("--smtp-url/AVARA_SMTP_URL: invalid percent-encoding in the \(part)")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError("--smtp-url/AVARA_SMTP_URL: the \(part) is not valid UTF-8 once percent-decoded")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` with anything between `://` and the last `@` replaced, so that an error never echoes a password.
    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        return start < at ? String(text[..<start]) + "***" + String(text[at...]) : text
    }
}
