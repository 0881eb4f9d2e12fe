import AvaraCore
import SQLKit

extension Migration {
    /// The clinics' events (``DomainEvent``): the audit log, and what webhooks deliver. Rows are only ever
    /// inserted, with the change they record, and deleted by the retention purge.
    ///
    /// `event_id` sorts in time order (``EventIDs``), so the primary key serves the log's pages; the indexes by
    /// clinic serve the filters by user (`subject_id`), by actor (see ``eventsByActor``) and by type. An event
    /// outlives the user it is about: no reference to `users`.
    package static let events = Migration(version: 15, name: "events") { db in
        try await db.create(table: EventTable.name)
            .column("event_id", type: .orderedText, .primaryKey(autoIncrement: false))
            .column("clinic_id", type: .text, .notNull, .references("clinics", "clinic_id"))
            .column("type", type: .text, .notNull)
            .column("product", type: .text)
            .column("actor_type", type: .text, .notNull)
            .column("actor_id", type: .text)
            .column("actor_name", type: .text)
            .column("surface", type: .text)
            .column("request_id", type: .text)
            .column("client_address", type: .text)
            .column("subject_id", type: .text)
            .column("data", type: .text, .notNull)
            .column("previous_values", type: .text)
            .column("created_at", type: .orderedText, .notNull)
            .run()
        // The retention purge deletes by age.
        try await db.create(index: "events_by_age").on(EventTable.name).column("created_at").run()
        for column in ["event_id", "subject_id", "actor_id", "type"] {
            let index = db.create(index: "events_by_clinic_\(column == "event_id" ? "order" : column)")
                .on(EventTable.name).column("clinic_id")
            try await (column == "event_id" ? index : index.column(column)).column("event_id").run()
        }
    }
}
