import AvaraCore
import Foundation

/// A small deterministic, non-cryptographic hash (64-bit FNV-1a).
///
/// Used where output must be reproducible across runs and machines (MIME boundaries,
/// shortened file names); Swift's `Hasher` is randomly seeded per process, so it cannot be used.
package enum StableHash {
    /// Returns the FNV-1a hash of `bytes`, starting from `seed` instead of the standard offset basis
    /// when a different, independent-looking value is needed for the same input.
    package static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Returns 32 lowercase hex characters (128 bits) derived from `text`.
    package static func hex128(_ text: String) -> String {
        let first = fnv1a64(text.utf8)
        let second = fnv1a64(text.utf8, seed: first ^ 0x9e37_79b9_7f4a_7c15)
        return hex(first) + hex(second)
    }

    /// Formats `value` as 16 zero-padded lowercase hex characters.
    package static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
