import Foundation

/// Identifiers that sort in creation order: `prefix` + 12 hex digits of the Unix time in milliseconds + 20 random
/// hex digits (32 hex digits in all, like the random ids).
///
/// Rows keyed by them are appended at the end of their index instead of landing on a random page, so a batch of
/// invites writes one index page instead of one per invite. For ids nobody outside the service relies on being
/// unguessable (invitations and their emails); user ids stay fully random, and tokens are never ids.
package enum TimeOrderedID {
    package static func make(prefix: String, at instant: Date, random: any RandomSource) -> String {
        prefix + timePrefix(at: instant) + random.hex(10)
    }

    /// How many characters ``timePrefix(at:)`` has.
    package static let timePrefixLength = 12

    /// The Unix time of `instant` in milliseconds as 12 lowercase hex digits, which sort in time order.
    package static func timePrefix(at instant: Date) -> String {
        let milliseconds = UInt64(max(0, (instant.timeIntervalSince1970 * 1000).rounded()))
        let time = String(milliseconds & 0xFFFF_FFFF_FFFF, radix: 16)
        return String(repeating: "0", count: timePrefixLength - time.count) + time
    }
}
