import CAvaraSystem

/// A source of random bytes for identifiers, API keys and invitation tokens.
///
/// The server uses ``SystemRandomSource`` (the operating system's CSPRNG); tests may inject a seeded source
/// to make identifiers reproducible.
package protocol RandomSource: Sendable {
    /// Returns `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

/// The operating system's cryptographically secure generator (`getrandom` on Linux, `arc4random_buf` on Apple
/// platforms).
package struct SystemRandomSource: RandomSource {
    package init() {}

    package func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        // One system call for the whole buffer (`SystemRandomNumberGenerator` makes one per eight bytes).
        var result = [UInt8](repeating: 0, count: count)
        let status = result.withUnsafeMutableBufferPointer { avara_random_bytes($0.baseAddress, UInt(count)) }
        if status != 0 {
            // The kernel's generator does not fail once seeded; should it, fall back rather than hand out zeros.
            var generator = SystemRandomNumberGenerator()
            for index in result.indices {
                result[index] = generator.next()
            }
        }
        return result
    }
}

extension RandomSource {
    /// `count` random bytes as lowercase hexadecimal (2 × `count` characters).
    package func hex(_ count: Int) -> String {
        bytes(count).hexString
    }

    /// `count` random bytes as unpadded base64url (RFC 4648 §5), safe in URLs and headers.
    package func base64URL(_ count: Int) -> String {
        bytes(count).base64URLString
    }
}

extension Sequence<UInt8> {
    /// Lowercase hexadecimal.
    package var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension [UInt8] {
    /// Unpadded base64url (RFC 4648 §5).
    package var base64URLString: String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((count * 4 + 2) / 3)
        var index = 0
        while index < count {
            let b0 = self[index]
            let b1 = index + 1 < count ? self[index + 1] : 0
            let b2 = index + 2 < count ? self[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            if index + 1 < count { output.append(alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)]) }
            if index + 2 < count { output.append(alphabet[Int(b2 & 0x3f)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
