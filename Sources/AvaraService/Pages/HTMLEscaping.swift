/// Escaping for text interpolated into HTML element content and quoted attribute values: the invitation pages' and,
/// through ``DashboardHTMLContentType``, the dashboard's templates'.
enum HTMLEscaping {
    /// Replaces `&`, `<`, `>`, `"` and `'` with character references (`&#39;` for `'`, as Mustache's own escaping).
    ///
    /// The scan is over UTF-8 bytes: the five characters are ASCII, so never a byte of a longer sequence. Most text
    /// (ids, emails, names, labels) holds none of them and is returned as it is.
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: isSpecial) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
