import AvaraCore
import Foundation
import Synchronization

/// A token bucket per key (an API key, a clinic, a client address), in this process's memory: each key may make
/// ``burst`` requests at once and ``rate`` requests a second after that.
///
/// The buckets live in one replica: with N replicas behind a load balancer a key may make N times the rate in
/// all. A key's bucket starts full. Keys belong to groups (an API key to its clinic), and the table is bounded per
/// group as well as in all, so that one group creating keys cannot push every other group's buckets out: past
/// ``capacityPerGroup`` the group's own refilled (else least recently used) buckets go; past ``capacity`` the
/// refilled buckets of every group go.
package final class TokenBuckets: Sendable {
    /// What one request found.
    package struct Decision: Sendable, Equatable {
        /// Whether the request may go on.
        package var allowed: Bool
        /// Whole requests left in the bucket after this one.
        package var remaining: Int
        /// Seconds until the bucket is full again (when allowed), or until the next request may go (when not).
        package var seconds: TimeInterval
    }

    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    private struct Table {
        var groups: [String: [String: Bucket]] = [:]
        var count = 0
    }

    /// Requests a second per key.
    package let rate: Int
    /// Requests a key may make at once.
    package let burst: Int
    /// Buckets kept in all.
    package let capacity: Int
    /// Buckets kept per group.
    package let capacityPerGroup: Int
    private let clock: any ServiceClock
    private let table = Mutex(Table())

    /// - Parameters:
    ///   - rate: Requests a second per key, at least 1.
    ///   - burst: The bucket's size, at least 1.
    ///   - capacity: Buckets tracked in all before refilled ones are dropped.
    ///   - capacityPerGroup: Buckets tracked per group before the group's own are dropped.
    package init(rate: Int, burst: Int, capacity: Int = 100_000, capacityPerGroup: Int = 1_000, clock: any ServiceClock)
    {
        self.rate = max(1, rate)
        self.burst = max(1, burst)
        self.capacity = max(1, capacity)
        self.capacityPerGroup = max(1, capacityPerGroup)
        self.clock = clock
    }

    /// Takes one token from `key`'s bucket in `group`, if it has one.
    package func take(_ key: String, in group: String = "") -> Decision {
        let now = clock.now()
        let rate = Double(rate)
        let burst = Double(burst)
        return table.withLock { table in
            let known = table.groups[group]?[key]
            var bucket = known ?? Bucket(tokens: burst, updatedAt: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.updatedAt))
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.updatedAt = now
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = Decision(
                    allowed: true, remaining: Int(bucket.tokens), seconds: (burst - bucket.tokens) / rate)
            } else {
                decision = Decision(allowed: false, remaining: 0, seconds: (1 - bucket.tokens) / rate)
            }
            if known == nil { makeRoom(in: group, of: &table, now: now) }
            if table.groups[group, default: [:]].updateValue(bucket, forKey: key) == nil { table.count += 1 }
            return decision
        }
    }

    /// Puts back the token a request took from `key`'s bucket in `group` (it turned out not to be what the limit
    /// counts: a key that was valid after all), up to the bucket's size.
    package func giveBack(_ key: String, in group: String = "") {
        table.withLock { table in
            guard var bucket = table.groups[group]?[key] else { return }
            bucket.tokens = min(Double(burst), bucket.tokens + 1)
            table.groups[group]?[key] = bucket
        }
    }

    /// Room for one more bucket in `group`.
    private func makeRoom(in group: String, of table: inout Table, now: Date) {
        if let buckets = table.groups[group], buckets.count >= capacityPerGroup {
            var kept = buckets.filter { !isRefilled($0.value, now: now) }
            if kept.count >= capacityPerGroup, let oldest = kept.min(by: { $0.value.updatedAt < $1.value.updatedAt }) {
                kept[oldest.key] = nil
            }
            table.count -= buckets.count - kept.count
            table.groups[group] = kept
        }
        if table.count >= capacity {
            table.groups = table.groups.compactMapValues { buckets in
                let kept = buckets.filter { !isRefilled($0.value, now: now) }
                return kept.isEmpty ? nil : kept
            }
            table.count = table.groups.values.reduce(0) { $0 + $1.count }
            if table.count >= capacity { table = Table() }
        }
    }

    /// Whether `bucket` is full again by `now`: forgetting it changes nothing.
    private func isRefilled(_ bucket: Bucket, now: Date) -> Bool {
        bucket.tokens + now.timeIntervalSince(bucket.updatedAt) * Double(rate) >= Double(burst)
    }
}
