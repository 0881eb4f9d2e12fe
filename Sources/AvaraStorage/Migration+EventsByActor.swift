import AvaraCore
import SQLKit

extension Migration {
    /// One B-tree fewer for the service's own events: the index by actor keeps only the events that have one (a
    /// filter by actor never matches an event of the `system` actor, such as `invitation.email_sent`, written for
    /// every invite).
    package static let eventsByActor = Migration(version: 18, name: "events by actor, when there is one") { db in
        try await db.drop(index: "events_by_clinic_actor_id").ifExists().run()
        try await db.raw(
            """
            CREATE INDEX events_by_clinic_actor_id ON \(ident: EventTable.name) (clinic_id, actor_id, event_id)
            WHERE actor_id IS NOT NULL
            """
        ).run()
    }
}
