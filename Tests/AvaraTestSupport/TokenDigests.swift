import Crypto
import Foundation

/// The tests' own computation of what the service stores for a secret, written independently of the service's
/// code so that the tests hold it to the documented form.
package enum TokenDigests {
    /// The SHA-256 of `text` in lowercase hex.
    package static func sha256Hex(_ text: some StringProtocol) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The stored form of an invitation token: its 12-hex-digit time prefix, then the SHA-256 of the whole token.
    package static func storedForm(ofToken token: some StringProtocol) -> String {
        String(token.prefix(12)) + sha256Hex(token)
    }

    /// The stored form of the token at the end of an acceptance link.
    package static func storedForm(ofLink link: String) -> String {
        storedForm(ofToken: link.split(separator: "/").last!)
    }
}
