import AvaraCore
import Foundation

/// Quoted-printable body encoding (RFC 2045, section 6.7).
package enum QuotedPrintable {
    /// The longest encoded line, including a trailing soft-break `=` (RFC 2045 rule 5).
    package static let maxLineLength = 76

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes `text` as UTF-8 quoted-printable.
    ///
    /// Line breaks in the input (`\r\n`, `\n` or a lone `\r`) become CRLF hard breaks; longer lines get
    /// soft breaks (`=` CRLF) so no encoded line exceeds 76 characters. `=`, control characters, bytes
    /// outside ASCII and whitespace at the end of a line are written as `=XX`. The result has no
    /// trailing line break.
    package static func encode(_ text: String) -> String {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 8 + 16)
        var lineStart = 0
        var index = 0
        while index < input.count {
            let byte = input[index]
            guard byte == 0x0A || byte == 0x0D else {
                index += 1
                continue
            }
            appendLine(input[lineStart..<index], to: &output)
            output.append(0x0D)
            output.append(0x0A)
            index += byte == 0x0D && index + 1 < input.count && input[index + 1] == 0x0A ? 2 : 1
            lineStart = index
        }
        appendLine(input[lineStart..<input.count], to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends one encoded line (without its line break), inserting soft line breaks as needed.
    ///
    /// Byte by byte without intermediate arrays: every email passes through here.
    private static func appendLine(_ line: ArraySlice<UInt8>, to output: inout [UInt8]) {
        var column = 0
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let isLiteral: Bool
            switch byte {
            case 0x09, 0x20: isLiteral = !isLast  // whitespace at the end of a line would be stripped in transit
            case 0x21...0x3C, 0x3E...0x7E: isLiteral = true
            default: isLiteral = false
            }
            let width = isLiteral ? 1 : 3
            // Leave room for the soft-break "=" unless this token ends the line.
            let limit = isLast ? maxLineLength : maxLineLength - 1
            if column + width > limit {
                output.append(UInt8(ascii: "="))
                output.append(0x0D)
                output.append(0x0A)
                column = 0
            }
            if isLiteral {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "="))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
            column += width
        }
    }
}
