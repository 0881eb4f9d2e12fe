import AvaraCore
import Foundation
import SQLKit

/// The sweeper of expired invitations: writes `invitation.expired` once for each pending invitation whose expiry
/// passed, in batches, whatever the number of replicas (rows another replica is sweeping are skipped on
/// PostgreSQL, and a swept row is marked in the same transaction as its event).
package struct SQLInvitationExpiries: Sendable {
    private let store: any DatabaseStore
    private let clock: any ServiceClock

    package init(store: any DatabaseStore, clock: any ServiceClock) {
        self.store = store
        self.clock = clock
    }

    /// Records up to `limit` expiries that passed by now, with `event` of each user (as they now are).
    ///
    /// - Returns: How many were recorded.
    package func recordExpired(
        limit: Int, event: @escaping @Sendable (UserRecord, Date) -> DomainEvent
    ) async throws
        -> Int
    {
        let now = clock.now()
        let cutoff = Timestamp.string(now)
        return try await store.transaction { db in
            let rows = try await db.select()
                .column(UserColumns.selected)
                .column(SQLColumn("invitation_id", table: "invitations"))
                .invitationStateColumns()
                .from("invitations")
                .join(
                    "users", on: SQLColumn("user_id", table: "users"), .equal,
                    SQLColumn("user_id", table: "invitations")
                )
                .where(
                    SQLColumn("status", table: "invitations"), .equal,
                    SQLBind(InvitationState.Status.pending.rawValue)
                )
                .where(SQLColumn("expires_at", table: "invitations"), .lessThanOrEqual, SQLBind(cutoff))
                .where(SQLColumn("expiry_recorded_at", table: "invitations"), .is, SQLLiteral.null)
                .orderBy(SQLColumn("expires_at", table: "invitations"))
                .limit(limit)
                .lockingClause(SkipLockedRows())
                .all()
            guard !rows.isEmpty else { return 0 }
            let ids = try rows.map { try $0.decode(column: "invitation_id", as: String.self) }
            try await db.update("invitations").set("expiry_recorded_at", to: cutoff)
                .where("invitation_id", .in, ids).run()
            let events = try rows.map { row in
                var user = try UserColumns.record(from: row)
                user.invitation = try UserQueries.invitationState(in: row, now: now)
                return event(user, now)
            }
            try await EventTable.append(events, in: db)
            return rows.count
        }
    }
}
