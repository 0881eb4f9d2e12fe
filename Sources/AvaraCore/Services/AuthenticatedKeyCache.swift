import Foundation
import Synchronization

/// Remembers, for a short while, which clinic a verified API key belongs to (and the key's name), so that a busy client does not cost
/// a database read per request.
///
/// Entries are keyed by the SHA-256 of the whole key (what the database stores), never by the key itself, and
/// only keys that were verified against the database are remembered. Unknown keys are not cached, so a new key
/// works at once; a key revoked on another replica stops working within ``timeToLive`` (5 seconds), and one
/// revoked through this replica at once (``forget(keyId:)``).
///
/// The cache is bounded per clinic as well as in all, so that a clinic minting and using keys cannot push every
/// other clinic's keys out.
package final class AuthenticatedKeyCache: Sendable {
    private struct Entry {
        var key: VerifiedKey
        var expiresAt: Date

        var keyId: String { key.keyId }
        var clinic: Clinic { key.clinic }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var countByClinic: [String: Int] = [:]
        /// Keys revoked here in the last ``timeToLive``, with when that ends: a verification that began before the
        /// revocation must not put the key back.
        var revoked: [String: Date] = [:]

        mutating func remove(hash: String) {
            guard let entry = entries.removeValue(forKey: hash) else { return }
            let left = (countByClinic[entry.clinic.clinicId] ?? 1) - 1
            countByClinic[entry.clinic.clinicId] = left > 0 ? left : nil
        }

        mutating func removeExpired(now: Date) {
            for (hash, entry) in entries where entry.expiresAt <= now { remove(hash: hash) }
            revoked = revoked.filter { $0.value > now }
        }
    }

    /// How long a verified key is trusted without asking the database again.
    package let timeToLive: TimeInterval
    private let capacity: Int
    private let capacityPerClinic: Int
    private let clock: any ServiceClock
    private let state = Mutex(State())

    /// - Parameters:
    ///   - timeToLive: Seconds a verification is reused; 0 disables the cache.
    ///   - capacity: The most keys remembered in all; past it, expired keys are dropped, else the one that
    ///     expires first.
    ///   - capacityPerClinic: The most keys of one clinic remembered; past it, the clinic's own oldest goes.
    ///   - clock: The source of "now".
    package init(
        timeToLive: TimeInterval = 5, capacity: Int = 10_000, capacityPerClinic: Int = APIKeyService.liveKeyLimit,
        clock: any ServiceClock
    ) {
        self.timeToLive = timeToLive
        self.capacity = max(1, capacity)
        self.capacityPerClinic = max(1, capacityPerClinic)
        self.clock = clock
    }

    /// A key verified less than ``timeToLive`` ago, by the key's hash.
    package func verifiedKey(forKeyHash hash: String) -> VerifiedKey? {
        let now = clock.now()
        return state.withLock { state in
            guard let entry = state.entries[hash] else { return nil }
            guard entry.expiresAt > now else {
                state.remove(hash: hash)
                return nil
            }
            return entry.key
        }
    }

    /// Remembers `key`, whose hash is `hash`, unless it was revoked here meanwhile.
    package func remember(_ key: VerifiedKey, forKeyHash hash: String) {
        guard timeToLive > 0 else { return }
        let now = clock.now()
        let entry = Entry(key: key, expiresAt: now.addingTimeInterval(timeToLive))
        let clinic = key.clinic
        state.withLock { state in
            if let until = state.revoked[key.keyId], until > now { return }
            state.remove(hash: hash)
            if state.entries.count >= capacity { state.removeExpired(now: now) }
            if state.entries.count >= capacity,
                let first = state.entries.min(by: { $0.value.expiresAt < $1.value.expiresAt })
            {
                state.remove(hash: first.key)
            }
            if state.countByClinic[clinic.clinicId, default: 0] >= capacityPerClinic,
                let oldest = state.entries.filter({ $0.value.clinic.clinicId == clinic.clinicId })
                    .min(by: { $0.value.expiresAt < $1.value.expiresAt })
            {
                state.remove(hash: oldest.key)
            }
            state.entries[hash] = entry
            state.countByClinic[clinic.clinicId, default: 0] += 1
        }
    }

    /// Forgets the key `keyId` at once, and refuses to remember it for ``timeToLive``: it was revoked.
    package func forget(keyId: String) {
        let now = clock.now()
        state.withLock { state in
            for (hash, entry) in state.entries where entry.keyId == keyId { state.remove(hash: hash) }
            if state.revoked.count >= capacity { state.removeExpired(now: now) }
            state.revoked[keyId] = now.addingTimeInterval(timeToLive)
        }
    }
}
