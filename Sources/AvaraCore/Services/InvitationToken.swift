import Crypto
import Foundation

/// Invitation tokens: the time they were made, then 32 random bytes, in the link; only a hash in the database.
///
/// A token is 12 hex digits of its creation time in milliseconds followed by 32 random bytes in base64url
/// (55 characters). Its stored form is that time prefix in clear followed by the SHA-256 of the whole token, so
/// the unique index on stored tokens grows at its end, like the time-ordered ids (``TimeOrderedID``), instead of
/// taking a write on a random page per invite. The prefix says nothing an attacker can use: the 32 random bytes
/// are the secret. Tokens of the earlier form (the 32 random bytes alone) are stored as their plain SHA-256 and
/// keep working.
package enum InvitationToken {
    /// A new token made at `instant`.
    package static func make(at instant: Date, random: any RandomSource) -> String {
        TimeOrderedID.timePrefix(at: instant) + random.base64URL(32)
    }

    /// The stored form of `token`.
    package static func hash(_ token: String) -> String {
        let digest = SHA256.hash(data: Array(token.utf8)).hexString
        guard token.utf8.count == TimeOrderedID.timePrefixLength + 43,
            token.utf8.prefix(TimeOrderedID.timePrefixLength).allSatisfy(\.isLowercaseHexDigit)
        else { return digest }
        return String(token.prefix(TimeOrderedID.timePrefixLength)) + digest
    }
}

extension UInt8 {
    fileprivate var isLowercaseHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
    }
}
