import AvaraCore
import Foundation
import SQLKit

/// What the database keeps only for a while: delivered and failed outbox messages and expired sessions are
/// deleted ``retention`` after they ended, in bounded batches (see ``SQLDatabase/deleteBatch(from:keyedBy:where:limit:)``).
///
/// Sent and failed messages no longer hold a link (their content is cleared when they end); what is left is who was
/// mailed when, which is kept for ``retention`` and no longer.
package struct SQLRetention: Sendable {
    /// How long ended messages and expired sessions are kept.
    package let retention: TimeInterval
    private let store: any DatabaseStore
    private let clock: any ServiceClock

    package init(retention: TimeInterval, store: any DatabaseStore, clock: any ServiceClock) {
        self.retention = retention
        self.store = store
        self.clock = clock
    }

    /// Deletes up to `limit` outbox messages sent or given up on more than ``retention`` ago.
    ///
    /// A message's last attempt was due at `next_attempt_at`, so a message whose `next_attempt_at` is older than
    /// the retention ended at least that long ago.
    package func purgeOutbox(limit: Int) async throws -> Int {
        let cutoff = Timestamp.string(clock.now().addingTimeInterval(-retention))
        return try await store.transaction { db in
            try await db.deleteBatch(
                from: "outbox", keyedBy: ["message_id"],
                where: """
                    status <> \(bind: OutboxStatus.queued.rawValue) AND next_attempt_at <= \(bind: cutoff)
                    """,
                limit: limit
            )
        }
    }

    /// Deletes up to `limit` events made more than `eventRetention` seconds ago.
    package func purgeEvents(olderThan eventRetention: TimeInterval, limit: Int) async throws -> Int {
        let cutoff = Timestamp.string(clock.now().addingTimeInterval(-eventRetention))
        return try await store.transaction { db in
            try await db.deleteBatch(
                from: EventTable.name, keyedBy: ["event_id"], where: "created_at < \(bind: cutoff)", limit: limit
            )
        }
    }

    /// Deletes up to `limit` sessions that expired more than ``retention`` ago.
    package func purgeSessions(limit: Int) async throws -> Int {
        let cutoff = Timestamp.string(clock.now().addingTimeInterval(-retention))
        return try await store.transaction { db in
            try await db.deleteBatch(
                from: "sessions", keyedBy: ["session_hash"], where: "expires_at <= \(bind: cutoff)", limit: limit
            )
        }
    }
}
