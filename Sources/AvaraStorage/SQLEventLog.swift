import AvaraCore
import Foundation
import SQLKit

/// ``EventLog`` over any SQLKit backend: pages of the `events` table by clinic, in event id order.
package struct SQLEventLog: EventLog {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func page(
        clinicId: String, filter: EventFilter, order: ListOrder, after cursor: String?, limit: Int
    ) async throws -> (events: [DomainEvent], hasMore: Bool) {
        let rows = try await store.read { db in
            var query = db.select().columns(EventTable.columns.map { SQLColumn($0) }).from(EventTable.name)
                .where("clinic_id", .equal, clinicId)
            if let type = filter.type { query = query.where("type", .equal, type.rawValue) }
            if let subjectId = filter.subjectId { query = query.where("subject_id", .equal, subjectId) }
            if let actorId = filter.actorId { query = query.where("actor_id", .equal, actorId) }
            // The start bounds the ids too, so that the scan of the index by clinic starts near it: an id is never
            // earlier than its event (EventIDs); a millisecond before, for the times stored to the millisecond.
            if let since = filter.since {
                query = query.where("created_at", .greaterThanOrEqual, Timestamp.string(since))
                    .where("event_id", .greaterThanOrEqual, EventIDs.boundary(at: since.addingTimeInterval(-0.001)))
            }
            if let until = filter.until { query = query.where("created_at", .lessThan, Timestamp.string(until)) }
            if let cursor {
                query = query.where("event_id", order == .newest ? .lessThan : .greaterThan, cursor)
            }
            return try await query.orderBy("event_id", order == .newest ? .descending : .ascending)
                .limit(limit + 1)
                .all()
        }
        let events = try rows.prefix(limit).map(EventTable.event(from:))
        return (events, rows.count > limit)
    }
}
