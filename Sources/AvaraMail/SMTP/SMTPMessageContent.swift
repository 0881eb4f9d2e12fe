import AvaraCore
import NIOCore

/// The message as it goes over the wire after `DATA` (RFC 5321 §4.5.2, §4.1.1.4).
package enum SMTPMessageContent {
    /// `message` with every line ending made CRLF, every line that starts with `.` given one more `.`
    /// ("dot-stuffing", so that no line of the message can end it early), and the end-of-data line `.` appended.
    ///
    /// ```
    /// "Hi\r\n.hidden\r\n.\r\n"  ->  "Hi\r\n..hidden\r\n..\r\n.\r\n"
    /// ```
    package static func encode(_ message: String) -> ByteBuffer {
        let bytes = message.utf8
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytes.count + bytes.count / 64 + 8)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                if previous != UInt8(ascii: "\r") { buffer.writeInteger(UInt8(ascii: "\r")) }
                buffer.writeInteger(byte)
                atLineStart = true
            case UInt8(ascii: "\r"):
                if previous == UInt8(ascii: "\r") { buffer.writeInteger(UInt8(ascii: "\n")) }
                buffer.writeInteger(byte)
                atLineStart = false
            default:
                if previous == UInt8(ascii: "\r") {
                    // A lone CR ends a line too.
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    atLineStart = true
                }
                if atLineStart, byte == UInt8(ascii: ".") { buffer.writeInteger(byte) }
                buffer.writeInteger(byte)
                atLineStart = false
            }
            previous = byte
        }
        if previous == UInt8(ascii: "\r") {
            buffer.writeInteger(UInt8(ascii: "\n"))
        } else if !atLineStart {
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString(".\r\n")
        return buffer
    }
}
