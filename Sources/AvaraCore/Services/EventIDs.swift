import Foundation
import Synchronization

/// Event ids that sort in the order this process made them: `evt_`, 12 hex digits of the Unix time in
/// milliseconds, 8 of a sequence within that millisecond, and 12 random ones (so that replicas never collide).
///
/// ``TimeOrderedID`` alone orders events only to the millisecond, and an invite, its update and its removal can
/// share one. The time never goes back here: an instant earlier than the last one (a clock stepped back, a test's
/// clock standing still) takes the last one's millisecond and the next number of its sequence.
package enum EventIDs {
    private static let last = Mutex((millisecond: UInt64(0), sequence: UInt32(0)))

    /// The next id, for an event made at `instant`.
    package static func next(at instant: Date, random: any RandomSource) -> String {
        let requested = UInt64(max(0, (instant.timeIntervalSince1970 * 1000).rounded()))
        let (millisecond, sequence) = last.withLock { last -> (UInt64, UInt32) in
            if requested > last.millisecond {
                last = (requested, 0)
            } else {
                last.sequence &+= 1
            }
            return last
        }
        return DomainEvent.idPrefix + hex(millisecond & 0xFFFF_FFFF_FFFF, digits: 12)
            + hex(UInt64(sequence), digits: 8) + random.hex(6)
    }

    /// The smallest id of an event made at `instant` or later: an id is never earlier than its event, so every
    /// event made at or after `instant` has an id from it on.
    package static func boundary(at instant: Date) -> String {
        DomainEvent.idPrefix + TimeOrderedID.timePrefix(at: instant)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
