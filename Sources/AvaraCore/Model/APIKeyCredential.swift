import Crypto
import Foundation

/// A clinic's API key: `avk_<keyId>_<secret>`.
///
/// The key id (16 hex characters) is not secret and locates the stored record; the secret is 32 random bytes.
/// Only the SHA-256 of the whole key is stored, and a presented key is compared with it in constant time.
package struct APIKeyCredential: Sendable, Equatable {
    /// The public part that identifies the key in storage and logs.
    package let keyId: String
    /// The whole key, shown to the clinic once.
    package let plaintext: String

    /// What every key starts with.
    static let prefix = "avk_"

    /// Parses a presented key; `nil` when it cannot be one of ours.
    package init?(presented: some StringProtocol) {
        guard presented.count <= 128, presented.hasPrefix(Self.prefix) else { return nil }
        let parts = presented.dropFirst(Self.prefix.count).split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 16, parts[0].allSatisfy(\.isHexDigit), !parts[1].isEmpty else {
            return nil
        }
        self.init(keyId: String(parts[0]), plaintext: String(presented))
    }

    init(keyId: String, plaintext: String) {
        self.keyId = keyId
        self.plaintext = plaintext
    }

    /// The stored form: SHA-256 of the key, hex.
    package var secretHash: String {
        SHA256.hash(data: Array(plaintext.utf8)).hexString
    }

    /// Whether this key hashes to `storedHash`, compared in constant time.
    package func matches(storedHash: String) -> Bool {
        constantTimeEquals(Array(secretHash.utf8), Array(storedHash.utf8))
    }
}

/// Compares two byte strings in time that depends only on their lengths.
package func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices {
        difference |= lhs[index] ^ rhs[index]
    }
    return difference == 0
}
