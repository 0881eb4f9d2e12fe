import AvaraCore

/// One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
///
/// ```
/// 250-smtp.clinic.example greets [192.0.2.1]
/// 250-STARTTLS
/// 250 AUTH PLAIN LOGIN
/// ```
/// is one reply with code 250 and the lines `smtp.clinic.example greets [192.0.2.1]`, `STARTTLS`,
/// `AUTH PLAIN LOGIN`.
package struct SMTPReply: Sendable, Equatable {
    /// The reply code, 200...599 in practice.
    package var code: Int
    /// The text of each line, without the code and separator.
    package var lines: [String]

    /// 2yz: the command was accepted.
    package var isPositiveCompletion: Bool { (200...299).contains(code) }
    /// 3yz: send the next part (the message after DATA, the next AUTH step).
    package var isPositiveIntermediate: Bool { (300...399).contains(code) }
    /// 4yz: failed for now; the same command may succeed later.
    package var isTransientNegative: Bool { (400...499).contains(code) }
    /// 5yz: failed; repeating the same command will fail again.
    package var isPermanentNegative: Bool { (500...599).contains(code) }

    /// The code and, when the reply has one, its enhanced status code (RFC 3463), without the server's text: `550
    /// 5.1.1`, `421`.
    package var codes: String {
        let first = lines.first?.split(separator: " ", maxSplits: 1).first ?? ""
        let parts = first.split(separator: ".", omittingEmptySubsequences: false)
        let isEnhanced =
            parts.count == 3
            && parts.allSatisfy {
                !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber)
            }
        return isEnhanced ? "\(code) \(first)" : String(code)
    }

    /// The code and the lines on one line, e.g. `550 5.1.1 User unknown`.
    package var summary: String {
        ([String(code)] + lines.filter { !$0.isEmpty }).joined(separator: " ")
    }
}

/// Assembles ``SMTPReply`` values from reply lines, one line at a time.
///
/// Each line is `code-text` when more lines follow and `code text` (or the bare `code`) on the last line of a
/// reply; every line of a reply carries the same code (RFC 5321 §4.2.1).
package struct SMTPReplyParser: Sendable {
    private var code: Int?
    private var lines: [String] = []

    /// The most lines one reply may have; a server sending more is broken or hostile.
    package static let maximumLines = 1000

    /// Whether a multi-line reply has started and not ended.
    package var isInsideReply: Bool { code != nil }

    /// Takes one line without its CRLF and returns the reply when that line completes one.
    ///
    /// - Throws: ``SMTPError/protocolViolation(_:)`` for a line that is not a reply line, a code that changes
    ///   within a multi-line reply, or a reply that never ends.
    package mutating func parse(line: some Collection<UInt8>) throws(SMTPError) -> SMTPReply? {
        let bytes = Array(line)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(bytes[0])
        else {
            throw .protocolViolation("the server sent a line that is not an SMTP reply: \"\(Self.printable(bytes))\"")
        }
        let lineCode = bytes[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let isLast: Bool
        switch bytes.count > 3 ? bytes[3] : nil {
        case nil, UInt8(ascii: " "): isLast = true
        case UInt8(ascii: "-"): isLast = false
        default:
            throw .protocolViolation("the server sent a malformed reply line: \"\(Self.printable(bytes))\"")
        }
        if let code, code != lineCode {
            throw .protocolViolation("the server changed the reply code from \(code) to \(lineCode) within one reply")
        }
        guard lines.count < Self.maximumLines else {
            throw .protocolViolation("the server sent a reply of more than \(Self.maximumLines) lines")
        }
        code = lineCode
        lines.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
        guard isLast else { return nil }
        defer {
            code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }

    /// `bytes` as text with control characters replaced, at most 200 characters, for error messages.
    package static func printable(_ bytes: some Collection<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        return String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }
}
