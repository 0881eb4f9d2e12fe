import AvaraCore
import Foundation
import SQLKit

/// The webhook deliveries among the outbox's messages: what each goes out with, and what became of it.
extension SQLOutboxRepository: WebhookDeliveryRepository {
    package func targets(of messages: [DueMessage], now: Date) async throws -> [String: WebhookDeliveryTarget] {
        let endpointIds = Array(Set(messages.map(\.recipient)))
        let eventIds = Array(Set(messages.compactMap(\.eventId)))
        guard !endpointIds.isEmpty, !eventIds.isEmpty else { return [:] }
        return try await store.read { db in
            let rows = try await db.select().columns(SQLWebhookEndpointRepository.columns)
                .columns("secret", "previous_secret", "previous_secret_expires_at", "failing_since")
                .from("webhook_endpoints").where("endpoint_id", .in, endpointIds).all()
            var endpoints: [String: (endpoint: WebhookEndpoint, secrets: [String], failingSince: Date?)] = [:]
            for (row, endpoint) in zip(rows, try await SQLWebhookEndpointRepository.endpoints(rows, in: db)) {
                func date(_ column: String) throws -> Date? {
                    try row.decodeIfPresent(column: column, as: String.self).flatMap(Timestamp.date)
                }
                var secrets = [try row.decode(column: "secret", as: String.self)]
                if let previous = try row.decodeIfPresent(column: "previous_secret", as: String.self),
                    let until = try date("previous_secret_expires_at"), until > now
                {
                    secrets.append(previous)
                }
                endpoints[endpoint.endpointId] = (endpoint, secrets, try date("failing_since"))
            }
            var events: [String: DomainEvent] = [:]
            for row in try await db.select().columns(EventTable.columns.map { SQLColumn($0) })
                .from(EventTable.name).where("event_id", .in, eventIds).all()
            {
                let event = try EventTable.event(from: row)
                events[event.eventId] = event
            }
            var targets: [String: WebhookDeliveryTarget] = [:]
            for message in messages {
                guard let stored = endpoints[message.recipient], let event = message.eventId.flatMap({ events[$0] })
                else { continue }
                targets[message.messageId] = WebhookDeliveryTarget(
                    endpoint: stored.endpoint, sealedSecrets: stored.secrets, failingSince: stored.failingSince,
                    event: event)
            }
            return targets
        }
    }

    package func record(_ outcomes: [WebhookAttemptOutcome]) async throws -> [Bool] {
        guard !outcomes.isEmpty else { return [] }
        let disabled = try await store.transaction { db in
            for outcome in outcomes {
                try await Self.recordOnMessage(outcome.record, in: db)
            }
            for (endpointId, failing) in EndpointFailing.after(outcomes.map(\.record)) {
                try await failing.record(endpointId: endpointId, in: db)
            }
            var disabled: [Bool] = []
            for outcome in outcomes {
                // Several deliveries may disable one endpoint: the first does, with its event; the others find it
                // disabled already.
                guard let disable = outcome.disable,
                    !(try await db.update("webhook_endpoints")
                        .where("endpoint_id", .equal, outcome.record.endpointId)
                        .where("status", .equal, WebhookEndpoint.Status.enabled.rawValue)
                        .set("status", to: WebhookEndpoint.Status.disabled.rawValue)
                        .set("disabled_reason", to: disable.reason)
                        .set("updated_at", to: Timestamp.string(outcome.record.at))
                        .returning("endpoint_id").all().isEmpty)
                else {
                    disabled.append(false)
                    continue
                }
                try await EventTable.append(disable.event, in: db)
                disabled.append(true)
            }
            return disabled
        }
        localClaims?.release(outcomes.map(\.record.messageId))
        return disabled
    }

    /// Writes `attempt` on its outbox message, and ends the message's claim.
    private static func recordOnMessage(_ attempt: WebhookAttemptRecord, in db: any SQLDatabase) async throws {
        let at = Timestamp.string(attempt.at)
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
    }
}
