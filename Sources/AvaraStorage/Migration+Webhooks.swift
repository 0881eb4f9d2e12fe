import AvaraCore
import SQLKit

extension Migration {
    /// Webhooks: the clinics' endpoints (`webhook_endpoints`, their signing secrets sealed with the service's
    /// secret key), the event types each wants (`webhook_subscriptions`), and their deliveries as outbox messages of
    /// kind `webhook` (`outbox.kind`, `outbox.event_id`, the last attempt's status code and duration).
    ///
    /// A delivery's id is its event's id and its endpoint's (`{eventId}.{endpointId}`): one delivery per event and
    /// endpoint, written by the statement that writes the event (see ``EventTable``).
    package static let webhooks = Migration(version: 16, name: "webhooks") { db in
        try await db.create(table: "webhook_endpoints")
            .column("endpoint_id", type: .text, .primaryKey(autoIncrement: false))
            .column("clinic_id", type: .text, .notNull, .references("clinics", "clinic_id"))
            .column("url", type: .text, .notNull)
            .column("description", type: .text)
            .column("status", type: .text, .notNull)
            .column("disabled_reason", type: .text)
            .column("secret", type: .text, .notNull)
            .column("previous_secret", type: .text)
            .column("previous_secret_expires_at", type: .text)
            .column("failing_since", type: .text)
            .column("created_at", type: .orderedText, .notNull)
            .column("updated_at", type: .text, .notNull)
            .run()
        try await db.create(index: "webhook_endpoints_by_clinic").on("webhook_endpoints")
            .column("clinic_id").column("created_at").run()
        try await db.create(table: "webhook_subscriptions")
            .column("endpoint_id", type: .text, .notNull, .references("webhook_endpoints", "endpoint_id"))
            .column("clinic_id", type: .text, .notNull)
            .column("type", type: .text, .notNull)
            .primaryKey("endpoint_id", "type")
            .run()
        try await db.create(index: "webhook_subscriptions_by_type").on("webhook_subscriptions")
            .column("clinic_id").column("type").run()
        try await db.alter(table: "outbox").column("kind", type: .text, .notNull, .default(OutboxKind.mail.rawValue))
            .run()
        for (column, type) in [
            ("event_id", SQLDataType.text), ("last_status_code", .int), ("last_duration_ms", .int),
            ("last_attempt_at", .text),
        ] {
            try await db.alter(table: "outbox").column(column, type: type).run()
        }
        try await db.create(index: "outbox_due_by_kind").on("outbox")
            .column("kind").column("status").column("next_attempt_at").run()
        try await db.raw(
            """
            CREATE INDEX outbox_webhook_deliveries ON outbox (recipient, created_at) \
            WHERE kind = \(literal: OutboxKind.webhook.rawValue)
            """
        ).run()
    }
}
