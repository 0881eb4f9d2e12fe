import Crypto
import Foundation

/// The `Idempotency-Key` of a roster row's invite: the same for the same product and the same invite, wherever the
/// row is in the file and whatever the columns' order, so that importing a roster again replays the invites the
/// server already answered instead of creating users twice.
///
/// The key is `avara-import-` and the SHA-256 (hex) of the product's name and the invite's JSON with sorted keys.
/// The server keeps keys per clinic, so the same roster imported into two clinics creates users in both.
package enum ImportIdempotencyKey {
    /// The key for inviting `params` into `product`.
    package static func key(product: String, params: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The invite params hold strings, booleans and enums: encoding them cannot fail.
        let body = (try? encoder.encode(params)) ?? Data()
        let digest = SHA256.hash(data: Data(product.utf8) + [0x0A] + body)
        return "avara-import-" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
