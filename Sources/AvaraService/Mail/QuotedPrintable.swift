import Foundation

/// Quoted-printable body encoding (RFC 2045, section 6.7).
enum QuotedPrintable {
    /// The longest encoded line, including a trailing soft-break `=` (RFC 2045 rule 5).
    static let maxLineLength = 76

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes `text` as UTF-8 quoted-printable.
    ///
    /// Line breaks in the input (`\r\n`, `\n` or a lone `\r`) become CRLF hard breaks; longer lines get
    /// soft breaks (`=` CRLF) so no encoded line exceeds 76 characters. `=`, control characters, bytes
    /// outside ASCII and whitespace at the end of a line are written as `=XX`. The result has no
    /// trailing line break.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var line: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case 0x0A where previousWasCR:
                previousWasCR = false
            case 0x0A, 0x0D:
                output += encodeLine(line)
                output += [0x0D, 0x0A]
                line.removeAll(keepingCapacity: true)
                previousWasCR = byte == 0x0D
            default:
                line.append(byte)
                previousWasCR = false
            }
        }
        output += encodeLine(line)
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes one line (without its line break), inserting soft line breaks as needed.
    private static func encodeLine(_ line: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var column = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let token = isLast ? encodeLastByte(byte) : encodeByte(byte)
            // Leave room for the soft-break "=" unless this token ends the line.
            let limit = isLast ? maxLineLength : maxLineLength - 1
            if column + token.count > limit {
                output += [UInt8(ascii: "="), 0x0D, 0x0A]
                column = 0
            }
            output += token
            column += token.count
        }
        return output
    }

    private static func encodeByte(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case 0x09, 0x20, 0x21...0x3C, 0x3E...0x7E:
            return [byte]
        default:
            return escape(byte)
        }
    }

    /// Whitespace at the end of a line would be stripped in transit, so it is escaped there.
    private static func encodeLastByte(_ byte: UInt8) -> [UInt8] {
        byte == 0x09 || byte == 0x20 ? escape(byte) : encodeByte(byte)
    }

    private static func escape(_ byte: UInt8) -> [UInt8] {
        [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
    }
}
