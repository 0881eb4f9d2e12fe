/// The value of an `Idempotency-Key` request header, checked: 1 to 255 visible ASCII characters.
///
/// A client sends a new key with each invite and the same key on every retry of it; the service then answers
/// the retries with the first answer instead of inviting again (the HTTP API reads it from the `Idempotency-Key` header).
///
/// ```swift
/// IdempotencyKey("avara-3f2a…")   // a key
/// IdempotencyKey("two words")     // nil: a space is not a visible character
/// ```
package struct IdempotencyKey: Sendable, Hashable {
    /// The longest key accepted, in characters (which are all ASCII, hence bytes).
    package static let maxLength = 255

    /// The key as the client sent it.
    package let rawValue: String

    /// The key, or `nil` unless `value` is 1 to ``maxLength`` characters from `!` (0x21) to `~` (0x7E).
    package init?(_ value: String) {
        let bytes = value.utf8
        guard (1...Self.maxLength).contains(bytes.count), bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return nil
        }
        self.rawValue = value
    }
}
