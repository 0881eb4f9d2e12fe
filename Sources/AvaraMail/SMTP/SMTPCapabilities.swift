import AvaraCore

/// The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1), e.g.
///
/// ```
/// 250-smtp.clinic.example
/// 250-STARTTLS
/// 250-AUTH PLAIN LOGIN
/// 250 8BITMIME
/// ```
package struct SMTPCapabilities: Sendable, Equatable {
    /// Upper-cased keywords with their parameters: `["STARTTLS": [], "AUTH": ["PLAIN", "LOGIN"]]`.
    private(set) var extensions: [String: [String]] = [:]

    /// No extensions: what a server answering only HELO supports.
    package static let none = SMTPCapabilities()

    private init() {}

    /// The extensions of an EHLO reply: every line after the first.
    package init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first?.uppercased() else { continue }
            // Some servers still announce "AUTH=PLAIN LOGIN", the draft form: read it as AUTH.
            if keyword.hasPrefix("AUTH=") {
                let first = String(keyword.dropFirst("AUTH=".count))
                extensions["AUTH", default: []] += [first] + words.dropFirst().map { $0.uppercased() }
            } else {
                extensions[keyword, default: []] += words.dropFirst().map { $0.uppercased() }
            }
        }
    }

    /// Whether `keyword` (any case) was announced.
    package func supports(_ keyword: String) -> Bool {
        extensions[keyword.uppercased()] != nil
    }

    /// The announced SASL mechanisms, upper-cased.
    package var authMechanisms: Set<String> {
        Set(extensions["AUTH"] ?? [])
    }
}
