import Foundation

/// The `user:password@host:port` part of a service URL (`smtp://…`, `postgres://…`), parsed and percent-decoded.
///
/// The user name and password are percent-decoded, so `user%40clinic.example` stands for `user@clinic.example`
/// and a `@`, `:` or `/` in a password is written `%40`, `%3A` or `%2F`. Errors never echo the password.
package struct URLAuthority: Sendable, Equatable {
    /// The decoded user name, when the URL has one.
    package var username: String?
    /// The decoded password, when the URL has one (`user:password@`).
    package var password: String?
    /// A host name or an IP address (IPv6 without brackets).
    package var host: String
    /// The port, when the URL names one.
    package var port: Int?

    /// Parses `authority` (the text between `scheme://` and the first `/`, `?` or `#`).
    ///
    /// - Parameter option: How the setting is named in errors, e.g. `--smtp-url/AVARA_SMTP_URL`.
    package init(_ authority: Substring, option: String) throws(ConfigurationError) {
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = try Self.percentDecoded(userInfo[..<colon], part: "user name", option: option)
                password = try Self.percentDecoded(
                    userInfo[userInfo.index(after: colon)...], part: "password", option: option)
            } else {
                username = try Self.percentDecoded(userInfo, part: "user name", option: option)
            }
        }

        let portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw ConfigurationError("\(option): unterminated IPv6 address \"\(hostPort)\"")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw ConfigurationError("\(option): unexpected \"\(after)\" after the IPv6 address")
            }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw ConfigurationError("\(option): invalid IPv6 address \"[\(host)]\"")
            }
        } else {
            let colon = hostPort.lastIndex(of: ":")
            host = String(hostPort[..<(colon ?? hostPort.endIndex)])
            portText = colon.map { hostPort[hostPort.index(after: $0)...] }
            guard !host.isEmpty else { throw ConfigurationError("\(option) has no host") }
            guard host.unicodeScalars.allSatisfy(Self.isHostCharacter), !host.hasPrefix("-"), !host.hasPrefix(".")
            else {
                throw ConfigurationError("\(option): invalid host \"\(host)\"")
            }
        }

        if let portText {
            guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
                let port = Int(portText), (1...65535).contains(port)
            else {
                throw ConfigurationError("\(option): the port must be a number from 1 to 65535, got \"\(portText)\"")
            }
            self.port = port
        }
    }

    /// Whether `host`, a name or an address, is this machine over loopback (`localhost`, `127.0.0.0/8`, `::1`, or
    /// `127.x` mapped into IPv6): traffic that never leaves it, where TLS protects nothing a local attacker could not
    /// read anyway.
    package static func isLoopback(_ host: String) -> Bool {
        var host = host.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" {
            return true
        }
        if host.hasPrefix("::ffff:") { host.removeFirst("::ffff:".count) }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// `host:port` (`[v6]:port` for IPv6), for messages.
    package static func hostAndPort(_ host: String, _ port: Int) -> String {
        "\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    private static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_": true
        default: false
        }
    }

    /// Decodes `%XX` escapes as UTF-8.
    package static func percentDecoded(
        _ text: Substring, part: String, option: String
    ) throws(ConfigurationError) -> String {
        guard let bytes = percentDecodedBytes(text.utf8) else {
            throw ConfigurationError("\(option): invalid percent-encoding in the \(part)")
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError("\(option): the \(part) is not valid UTF-8 once percent-decoded")
        }
        return decoded
    }

    /// `text` with anything between `://` and the last `@` replaced, so that an error never echoes a password.
    package static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        return start < at ? String(text[..<start]) + "***" + String(text[at...]) : text
    }
}
