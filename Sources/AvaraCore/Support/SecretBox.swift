import Crypto
import Foundation

/// Seals the secrets the service must read back (webhook signing secrets, which sign with the secret itself and so
/// cannot be stored as hashes) with the service's secret key, AES-256-GCM: the database holds only sealed text, and
/// a copy of it without the key reveals nothing.
///
/// ```swift
/// let box = SecretBox(key: keyBytes)          // 32 bytes, from AVARA_SECRET_KEY or the key file
/// let sealed = try box.seal("whsec_…")        // "v1:" + base64(nonce ‖ ciphertext ‖ tag)
/// let secret = try box.open(sealed)
/// ```
package struct SecretBox: Sendable {
    /// Why a sealed text does not open.
    package struct OpenError: Error, CustomStringConvertible {
        package var description: String { "the sealed secret does not open with this key" }
    }

    private let key: SymmetricKey

    /// - Parameter key: 32 bytes.
    package init?(key: [UInt8]) {
        guard key.count == 32 else { return nil }
        self.key = SymmetricKey(data: key)
    }

    package func seal(_ secret: String) throws -> String {
        let box = try AES.GCM.seal(Array(secret.utf8), using: key)
        guard let combined = box.combined else { throw OpenError() }
        return Self.version + combined.base64EncodedString()
    }

    /// - Throws: ``OpenError`` for a text this key did not seal (another key, altered, not sealed at all).
    package func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix(Self.version),
            let data = Data(base64Encoded: String(sealed.dropFirst(Self.version.count)))
        else { throw OpenError() }
        do {
            let opened = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
            return String(decoding: opened, as: UTF8.self)
        } catch {
            throw OpenError()
        }
    }

    private static let version = "v1:"
}
