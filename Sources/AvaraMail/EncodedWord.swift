import AvaraCore
import Foundation

/// RFC 2047 `B` encoded-words (`=?UTF-8?B?...?=`) for non-ASCII text in headers.
package enum EncodedWord {
    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="
    /// RFC 2047 limits an encoded-word to 75 characters.
    package static let maxLength = 75

    /// Encodes `text` as one or more encoded-words, each at most `maxLength` characters
    /// (clamped to 16...75), splitting only between Unicode scalars so that every word
    /// decodes to valid UTF-8 on its own.
    ///
    /// Decoders join adjacent encoded-words without the whitespace between them.
    package static func encode(_ text: String, maxLength: Int = maxLength) -> [String] {
        let length = min(max(maxLength, 16), Self.maxLength)
        let bytesPerWord = (length - prefix.count - suffix.count) / 4 * 3
        var chunks: [[UInt8]] = [[]]
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunks[chunks.count - 1].count + bytes.count > bytesPerWord, !chunks[chunks.count - 1].isEmpty {
                chunks.append([])
            }
            chunks[chunks.count - 1] += bytes
        }
        return chunks.map { prefix + Data($0).base64EncodedString() + suffix }
    }
}
