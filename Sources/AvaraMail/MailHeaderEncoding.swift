import AvaraCore
import Foundation

/// Renders header fields safely from user input: sanitising, quoting, RFC 2047 encoding and folding.
///
/// Rendered fields are ASCII (apart from non-ASCII addr-specs, passed through as RFC 6532 UTF-8),
/// contain CRLF only as folding before whitespace, and keep lines within 78 characters except for
/// an unusually long addr-spec or Message-ID; lines never approach the 998-character limit.
package enum MailHeaderEncoding {
    /// The preferred maximum line length (RFC 5322, section 2.1.1), excluding the CRLF.
    package static let lineLimit = 78
    /// The hard maximum line length (RFC 5322, section 2.1.1), excluding the CRLF.
    package static let hardLineLimit = 998
    /// ASCII words in a display name whose quoted form is longer than this are encoded instead,
    /// so they can be split across lines to stay under `hardLineLimit`.
    private static let maxPlainWordLength = 900

    /// Replaces line breaks and other control characters (including U+2028 and U+2029) with spaces,
    /// so user input can never start a new header line.
    package static func sanitizedText(_ text: String) -> String {
        // Most names and subjects are printable ASCII already: no copy, no look-up of Unicode properties.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isLineBreakOrControl(scalar) ? " " : scalar)
        }
        return String(scalars)
    }

    /// Removes control characters, whitespace and angle brackets from an addr-spec or Message-ID,
    /// so it can neither break out of its `<...>` nor start a new header line.
    package static func sanitizedToken(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) {
            return text
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars
        where !isLineBreakOrControl(scalar) && !scalar.properties.isWhitespace && scalar != "<" && scalar != ">" {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// A display name as it will be rendered: sanitised, trimmed, with whitespace runs collapsed
    /// to single spaces.
    package static func normalizedDisplayName(_ name: String) -> String {
        sanitizedText(name).split(separator: " ").joined(separator: " ")
    }

    /// Renders an unstructured field such as `Subject`. Printable ASCII is kept verbatim and folded
    /// at spaces; anything else becomes RFC 2047 encoded-words.
    package static func unstructuredField(name: String, value: String) -> String {
        let text = sanitizedText(value)
        let prefix = name + ": "
        if text.isEmpty {
            return name + ":"
        }
        if isPlainASCII(text), !text.hasPrefix(" "), !text.hasSuffix(" "),
            let folded = fold(
                prefix: prefix, words: text.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        {
            return folded
        }
        let words = EncodedWord.encode(text, maxLength: lineLimit - prefix.count)
        return fold(prefix: prefix, words: words) ?? prefix + words.joined(separator: "\r\n ")
    }

    /// Renders an address field such as `To`: `"Display Name" <addr>`, or `<addr>` without a name.
    ///
    /// A name that fits on the line is written as one quoted string; otherwise each word is written
    /// as an atom or quoted string, and runs of non-ASCII words as RFC 2047 encoded-words, folded
    /// between words.
    package static func mailboxField(name: String, mailbox: MailAddress) -> String {
        let prefix = name + ": "
        let address = "<" + sanitizedToken(mailbox.address) + ">"
        let displayName = normalizedDisplayName(mailbox.name ?? "")
        if displayName.isEmpty {
            return prefix + address
        }
        let quoted = quotedString(displayName)
        if isPlainASCII(displayName), prefix.count + quoted.count <= lineLimit {
            return fold(prefix: prefix, words: [quoted, address]) ?? prefix + quoted + "\r\n " + address
        }
        let words = phraseWords(displayName, maxEncodedWordLength: lineLimit - prefix.count) + [address]
        return fold(prefix: prefix, words: words) ?? prefix + words.joined(separator: "\r\n ")
    }

    /// Splits a normalised display name into phrase words: atoms, quoted strings and encoded-words.
    ///
    /// Adjacent words that need encoding are encoded together (spaces included), because decoders
    /// drop the whitespace between adjacent encoded-words (RFC 2047, section 6.2). A run longer than
    /// one encoded-word (45 UTF-8 bytes) is split into adjacent encoded-words.
    private static func phraseWords(_ displayName: String, maxEncodedWordLength: Int) -> [String] {
        var words: [String] = []
        var pending: [Substring] = []
        func flushPending() {
            if !pending.isEmpty {
                words += EncodedWord.encode(pending.joined(separator: " "), maxLength: maxEncodedWordLength)
                pending.removeAll()
            }
        }
        for word in displayName.split(separator: " ") {
            let plain = word.allSatisfy(isAtomText) ? String(word) : quotedString(String(word))
            if !isPlainASCII(String(word)) || plain.count > maxPlainWordLength {
                pending.append(word)
            } else {
                flushPending()
                words.append(plain)
            }
        }
        flushPending()
        return words
    }

    /// Joins `words` with single spaces after `prefix`, folding (CRLF before the space) to keep lines
    /// within `lineLimit` where possible. Empty words never start a line, so no line is whitespace only.
    /// Returns `nil` if a line would exceed `hardLineLimit`.
    package static func fold(prefix: String, words: [String]) -> String? {
        var lines: [String] = []
        var line = prefix
        for (index, word) in words.enumerated() {
            if index == 0 {
                line += word
            } else if line.count + 1 + word.count > lineLimit, !word.isEmpty {
                lines.append(line)
                line = " " + word
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        guard lines.allSatisfy({ $0.utf8.count <= hardLineLimit }) else {
            return nil
        }
        return lines.joined(separator: "\r\n")
    }

    /// Wraps printable ASCII in double quotes, backslash-escaping `"` and `\`.
    package static func quotedString(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" {
                result.append("\\")
            }
            result.append(character)
        }
        return result + "\""
    }

    /// Printable ASCII that a decoder will not mistake for an encoded-word.
    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !text.contains("=?")
    }

    /// RFC 5322 `atext`: characters allowed in an unquoted atom.
    private static func isAtomText(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else {
            return false
        }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(ascii)
        }
    }

    private static func isLineBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        return scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
