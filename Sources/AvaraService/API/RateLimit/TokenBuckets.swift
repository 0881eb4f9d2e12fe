import AvaraCore
import Foundation
import Synchronization

/// A token bucket per API key, in this process's memory: each key may make ``burst`` requests at once and
/// ``rate`` requests a second after that.
///
/// The buckets live in one replica: with N replicas behind a load balancer a key may make N times the rate in
/// all. A key's bucket starts full; buckets that refilled are forgotten when the table grows past ``capacity``.
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

    /// Requests a second per key.
    package let rate: Int
    /// Requests a key may make at once.
    package let burst: Int
    private let capacity: Int
    private let clock: any ServiceClock
    private let buckets = Mutex<[String: Bucket]>([:])

    /// - Parameters:
    ///   - rate: Requests a second per key, at least 1.
    ///   - burst: The bucket's size, at least 1.
    ///   - capacity: Keys tracked before full buckets are dropped.
    package init(rate: Int, burst: Int, capacity: Int = 100_000, clock: any ServiceClock) {
        self.rate = max(1, rate)
        self.burst = max(1, burst)
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    /// Takes one token from `key`'s bucket, if it has one.
    package func take(_ key: String) -> Decision {
        let now = clock.now()
        let rate = Double(rate)
        let burst = Double(burst)
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updatedAt: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.updatedAt))
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.updatedAt = now
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = Decision(allowed: true, remaining: Int(bucket.tokens), seconds: (burst - bucket.tokens) / rate)
            } else {
                decision = Decision(allowed: false, remaining: 0, seconds: (1 - bucket.tokens) / rate)
            }
            if buckets[key] == nil, buckets.count >= capacity {
                // Buckets that refilled start full anyway; when every bucket is in use, start over.
                buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.updatedAt) * rate < burst }
                if buckets.count >= capacity { buckets.removeAll() }
            }
            buckets[key] = bucket
            return decision
        }
    }
}
