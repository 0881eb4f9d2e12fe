import AvaraCore

/// Why a filter or an attribute path could not be read; the entry points answer it as
/// ``SCIMError/invalidFilter(_:)`` or ``SCIMError/invalidPath(_:)``.
struct SCIMSyntaxError: Error, Equatable {
    /// The client-safe explanation, naming the position (1-based, in characters) and the token.
    var message: String
}

/// One token of a filter or a path, with where it is in the UTF-8 text.
struct SCIMFilterToken: Equatable {
    enum Kind: Equatable {
        /// A run of anything but whitespace, parentheses, brackets and quotes: an attribute path, an operator, a
        /// keyword (`and`, `or`, `not`, `true`, `false`, `null`) or a number, told apart by the parser.
        case word(String)
        /// A JSON string literal, decoded.
        case string(String)
        case leftParenthesis
        case rightParenthesis
        case leftBracket
        case rightBracket
        case end
    }

    var kind: Kind
    /// The offset of the token's first byte.
    var start: Int
    /// The offset just after its last byte: a token that starts here touches this one (`emails[`, `].value`).
    var end: Int
}

/// Splits a filter or a path into tokens, in one pass and without recursion.
///
/// ```swift
/// let tokens = try SCIMFilterLexer.tokens(of: Array(#"emails[type eq "work"].value"#.utf8))
/// // word emails, [, word type, word eq, string work, ], word .value, end
/// ```
enum SCIMFilterLexer {
    static func tokens(of bytes: [UInt8]) throws(SCIMSyntaxError) -> [SCIMFilterToken] {
        var tokens: [SCIMFilterToken] = []
        var index = 0
        while index < bytes.count {
            let start = index
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
                continue
            case UInt8(ascii: "("): tokens.append(SCIMFilterToken(kind: .leftParenthesis, start: start, end: start + 1))
            case UInt8(ascii: ")"):
                tokens.append(SCIMFilterToken(kind: .rightParenthesis, start: start, end: start + 1))
            case UInt8(ascii: "["): tokens.append(SCIMFilterToken(kind: .leftBracket, start: start, end: start + 1))
            case UInt8(ascii: "]"): tokens.append(SCIMFilterToken(kind: .rightBracket, start: start, end: start + 1))
            case UInt8(ascii: "\""):
                let end = try stringEnd(in: bytes, from: start)
                let text = try decodeString(Array(bytes[start..<end]), in: bytes, at: start)
                tokens.append(SCIMFilterToken(kind: .string(text), start: start, end: end))
                index = end
                continue
            default:
                while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                tokens.append(SCIMFilterToken(kind: .word(word), start: start, end: index))
                continue
            }
            index += 1
        }
        tokens.append(SCIMFilterToken(kind: .end, start: bytes.count, end: bytes.count))
        return tokens
    }

    /// The 1-based position, in characters, of the byte at `offset` (a token's start, so never inside a character).
    static func position(of offset: Int, in bytes: [UInt8]) -> Int {
        String(decoding: bytes[..<min(max(offset, 0), bytes.count)], as: UTF8.self).count + 1
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "\""):
            true
        default: false
        }
    }

    /// The offset just after the closing quote of the string opening at `start`.
    private static func stringEnd(in bytes: [UInt8], from start: Int) throws(SCIMSyntaxError) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        throw SCIMSyntaxError(
            message:
                "Unterminated string starting at position \(position(of: start, in: bytes)): it needs a closing \"."
        )
    }

    /// The literal's text, read by the core's JSON parser: a filter's strings are JSON strings (RFC 7644 §3.4.2.2).
    private static func decodeString(
        _ literal: [UInt8], in bytes: [UInt8], at start: Int
    ) throws(SCIMSyntaxError) -> String {
        guard case .string(let text)? = try? JSONParser.parse(literal) else {
            throw SCIMSyntaxError(
                message: "The string at position \(position(of: start, in: bytes)) is not a valid JSON string "
                    + #"(an unknown escape, or a control character not written as \u0000)."#
            )
        }
        return text
    }
}
