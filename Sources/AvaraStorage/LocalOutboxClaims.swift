import AvaraCore
import Foundation
import Synchronization

/// Outbox claims held in memory, for a process alone with its database (see ``SQLOutboxRepository``).
///
/// They do for the senders of one process what the `claimed_until` column does for replicas: a message one
/// sender took is not taken by another until it is released or its claim runs out.
package final class LocalOutboxClaims: Sendable {
    /// Until when each claimed message is held, by message id.
    private let claims = Mutex<[String: Date]>([:])

    /// How many messages are claimed (live or expired, until released).
    package var count: Int {
        claims.withLock { $0.count }
    }

    /// Claims, from `candidates` (oldest first), up to `limit` messages no live claim holds at `now`.
    package func claim(_ candidates: [DueMessage], now: Date, until: Date, limit: Int) -> [DueMessage] {
        claims.withLock { claims in
            var claimed: [DueMessage] = []
            for message in candidates where claimed.count < limit {
                if let heldUntil = claims[message.messageId], heldUntil > now { continue }
                claims[message.messageId] = until
                claimed.append(message)
            }
            return claimed
        }
    }

    /// Ends the claims on `messageIds`.
    package func release(_ messageIds: some Sequence<String>) {
        claims.withLock { claims in
            for id in messageIds {
                claims[id] = nil
            }
        }
    }

    /// Ends every claim.
    package func releaseAll() {
        claims.withLock { $0.removeAll() }
    }
}
