import AvaraCore
import Foundation
import Synchronization

/// Remembers, for a short while, which clinic a verified API key belongs to, so that a busy client does not cost
/// a database read per request.
///
/// Entries are keyed by the SHA-256 of the whole key (what the database stores), never by the key itself, and
/// only keys that were verified against the database are remembered. Unknown keys are not cached, so a new key
/// works at once; a key revoked in the database stops working within ``timeToLive`` (5 seconds) on every replica.
package final class AuthenticatedKeyCache: Sendable {
    private struct Entry {
        var clinic: Clinic
        var expiresAt: Date
    }

    /// How long a verified key is trusted without asking the database again.
    package let timeToLive: TimeInterval
    private let capacity: Int
    private let clock: any ServiceClock
    private let entries = Mutex<[String: Entry]>([:])

    /// - Parameters:
    ///   - timeToLive: Seconds a verification is reused; 0 disables the cache.
    ///   - capacity: The most keys remembered; the cache starts over when it is full.
    ///   - clock: The source of "now".
    package init(timeToLive: TimeInterval = 5, capacity: Int = 10_000, clock: any ServiceClock) {
        self.timeToLive = timeToLive
        self.capacity = capacity
        self.clock = clock
    }

    /// The clinic of a key verified less than ``timeToLive`` ago, by the key's hash.
    package func clinic(forKeyHash hash: String) -> Clinic? {
        let now = clock.now()
        return entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.expiresAt > now else {
                entries[hash] = nil
                return nil
            }
            return entry.clinic
        }
    }

    /// Remembers that the key with `hash` belongs to `clinic`.
    package func remember(_ clinic: Clinic, forKeyHash hash: String) {
        guard timeToLive > 0 else { return }
        let entry = Entry(clinic: clinic, expiresAt: clock.now().addingTimeInterval(timeToLive))
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = entry
        }
    }
}
