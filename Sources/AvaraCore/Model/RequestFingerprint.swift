import Crypto

/// What makes two requests "the same request" for an idempotency key: the SHA-256 of the path and the body bytes.
///
/// Two requests with the same key are only answered alike when their fingerprints match; the same key with a
/// different body, or on the other product's path, is a client error (the HTTP API answers it with 422).
package struct RequestFingerprint: Sendable, Hashable {
    /// 64 lowercase hex digits, as stored.
    package let hex: String

    /// The fingerprint of a request to `path` (e.g. `/v1/viewer/users`) with `body`, byte for byte.
    package init(path: String, body: some Sequence<UInt8>) {
        var hasher = SHA256()
        hasher.update(data: Array(path.utf8))
        // A separator no path contains, so that path and body cannot run into each other.
        hasher.update(data: [0x00])
        hasher.update(data: Array(body))
        self.hex = hasher.finalize().hexString
    }

    /// A fingerprint read back from storage.
    package init(storedHex: String) {
        self.hex = storedHex
    }
}
