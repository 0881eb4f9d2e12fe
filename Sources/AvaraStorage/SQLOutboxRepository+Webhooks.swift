import AvaraCore
import Foundation
import SQLKit

/// The webhook deliveries among the outbox's messages: what each goes out with, and what became of it.
extension SQLOutboxRepository: WebhookDeliveryRepository {
    package func target(endpointId: String, eventId: String, now: Date) async throws -> WebhookDeliveryTarget? {
        try await store.read { db in
            guard
                let row = try await db.select().columns(SQLWebhookEndpointRepository.columns)
                    .columns("secret", "previous_secret", "previous_secret_expires_at", "failing_since")
                    .from("webhook_endpoints").where("endpoint_id", .equal, endpointId).first(),
                let endpoint = try await SQLWebhookEndpointRepository.endpoints([row], in: db).first,
                let eventRow = try await db.select().columns(EventTable.columns.map { SQLColumn($0) })
                    .from(EventTable.name).where("event_id", .equal, eventId).first()
            else { return nil }
            func date(_ column: String) throws -> Date? {
                try row.decode(column: column, as: String?.self).flatMap(Timestamp.date)
            }
            var secrets = [try row.decode(column: "secret", as: String.self)]
            if let previous = try row.decode(column: "previous_secret", as: String?.self),
                let until = try date("previous_secret_expires_at"), until > now
            {
                secrets.append(previous)
            }
            return WebhookDeliveryTarget(
                endpoint: endpoint, sealedSecrets: secrets, failingSince: try date("failing_since"),
                event: try EventTable.event(from: eventRow)
            )
        }
    }

    package func record(_ attempt: WebhookAttemptRecord, disable: (reason: String, event: DomainEvent)?) async throws {
        let at = Timestamp.string(attempt.at)
        try await store.transaction { db in
            var update = db.update("outbox")
                .set("attempts", to: attempt.attempts)
                .set("last_status_code", to: attempt.statusCode)
                .set("last_duration_ms", to: attempt.durationMilliseconds)
                .set("last_attempt_at", to: at)
                .set("last_error", to: attempt.error)
                .set("claimed_until", to: SQLLiteral.null)
            if attempt.delivered {
                update = update.set("status", to: OutboxStatus.sent.rawValue).set("sent_at", to: at)
            } else if let next = attempt.nextAttemptAt {
                update = update.set("next_attempt_at", to: Timestamp.string(next))
            } else {
                update = update.set("status", to: OutboxStatus.failed.rawValue)
            }
            try await update.where("message_id", .equal, attempt.messageId)
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .run()
            var endpoint = db.update("webhook_endpoints").where("endpoint_id", .equal, attempt.endpointId)
            if attempt.delivered {
                endpoint = endpoint.set("failing_since", to: SQLLiteral.null)
            } else {
                endpoint = endpoint.set(
                    "failing_since", to: SQLFunction("COALESCE", args: SQLColumn("failing_since"), SQLBind(at)))
            }
            if let disable {
                endpoint = endpoint.set("status", to: WebhookEndpoint.Status.disabled.rawValue)
                    .set("disabled_reason", to: disable.reason).set("updated_at", to: at)
            }
            try await endpoint.run()
            if let disable { try await EventTable.append(disable.event, in: db) }
        }
        localClaims?.release([attempt.messageId])
    }
}
