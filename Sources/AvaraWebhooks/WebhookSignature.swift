import Crypto
import Foundation

/// Standard Webhooks signatures: HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` under the key a
/// `whsec_` secret encodes, written `v1,<base64>`; one per secret, space-separated, while a rotation lasts.
package enum WebhookSignature {
    /// The `webhook-signature` header of a delivery signed with each of `secrets`.
    ///
    /// - Throws: ``InvalidSecret`` for a secret that is not `whsec_` and base64.
    package static func header(id: String, timestamp: Int, body: [UInt8], secrets: [String]) throws -> String {
        let message = Array("\(id).\(timestamp).".utf8) + body
        return try secrets.map { secret in
            let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: try key(of: secret)))
            return "v1," + Data(mac).base64EncodedString()
        }.joined(separator: " ")
    }

    /// A secret that does not encode a key.
    package struct InvalidSecret: Error, CustomStringConvertible {
        package var description: String { "the webhook secret is not whsec_ and base64" }
    }

    private static func key(of secret: String) throws -> [UInt8] {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let key = Data(base64Encoded: encoded), !key.isEmpty else { throw InvalidSecret() }
        return Array(key)
    }
}
