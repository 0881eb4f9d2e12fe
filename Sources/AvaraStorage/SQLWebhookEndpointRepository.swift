import AvaraCore
import Foundation
import SQLKit

/// ``WebhookEndpointRepository`` over any SQLKit backend: `webhook_endpoints`, `webhook_subscriptions` and the
/// outbox messages of kind `webhook` (``Migration/webhooks``).
package struct SQLWebhookEndpointRepository: WebhookEndpointRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func create(_ endpoint: WebhookEndpoint, sealedSecret: String, event: DomainEvent) async throws {
        try await store.transaction { db in
            try await db.insert(into: "webhook_endpoints")
                .columns(
                    "endpoint_id", "clinic_id", "url", "description", "status", "secret", "created_at", "updated_at"
                )
                .values(
                    endpoint.endpointId, endpoint.clinicId, endpoint.url, endpoint.description,
                    endpoint.status.rawValue, sealedSecret, Timestamp.string(endpoint.createdAt),
                    Timestamp.string(endpoint.updatedAt)
                )
                .run()
            try await Self.subscribe(endpoint, in: db)
            try await EventTable.append(event, in: db)
        }
    }

    package func endpoints(clinicId: String) async throws -> [WebhookEndpoint] {
        try await store.read { db in
            let rows = try await db.select().columns(Self.columns).from("webhook_endpoints")
                .where("clinic_id", .equal, clinicId)
                .orderBy("created_at").orderBy("endpoint_id")
                .all()
            return try await Self.endpoints(rows, in: db)
        }
    }

    package func endpoint(id: String, clinicId: String) async throws -> WebhookEndpoint? {
        try await store.read { db in try await Self.endpoint(id, clinicId: clinicId, in: db) }
    }

    package func update(
        id: String, clinicId: String, sealedSecret: String?, previousSecretExpiresAt: Date?,
        audit: AuditedChange<WebhookEndpoint>,
        _ change: @escaping @Sendable (WebhookEndpoint) throws -> WebhookEndpoint
    ) async throws -> WebhookEndpoint? {
        try await store.transaction { db in
            guard let stored = try await Self.endpoint(id, clinicId: clinicId, locking: true, in: db) else {
                return nil
            }
            try audit.check(stored)
            let changed = try change(stored)
            var update = db.update("webhook_endpoints")
                .set("url", to: changed.url).set("description", to: changed.description)
                .set("status", to: changed.status.rawValue).set("disabled_reason", to: changed.disabledReason)
                .set("updated_at", to: Timestamp.string(changed.updatedAt))
            if changed.status == .enabled, stored.status == .disabled {
                update = update.set("failing_since", to: SQLLiteral.null)
            }
            if let sealedSecret, let previousSecretExpiresAt {
                update = update.set("previous_secret", to: SQLColumn("secret"))
                    .set("previous_secret_expires_at", to: Timestamp.string(previousSecretExpiresAt))
                    .set("secret", to: sealedSecret)
            }
            try await update.where("endpoint_id", .equal, id).run()
            if changed.eventTypes != stored.eventTypes {
                try await db.delete(from: "webhook_subscriptions").where("endpoint_id", .equal, id).run()
                try await Self.subscribe(changed, in: db)
            }
            try await EventTable.append(audit.event(stored, changed), in: db)
            return changed
        }
    }

    package func delete(id: String, clinicId: String, audit: AuditedChange<WebhookEndpoint>) async throws -> Bool {
        try await store.transaction { db in
            guard let stored = try await Self.endpoint(id, clinicId: clinicId, locking: true, in: db) else {
                return false
            }
            try audit.check(stored)
            try await db.delete(from: "webhook_subscriptions").where("endpoint_id", .equal, id).run()
            // Deliveries not yet made have nowhere to go; those made stay until the retention purge.
            try await db.delete(from: "outbox")
                .where("kind", .equal, OutboxKind.webhook.rawValue).where("recipient", .equal, id)
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .run()
            try await db.delete(from: "webhook_endpoints").where("endpoint_id", .equal, id).run()
            try await EventTable.append(audit.event(stored, stored), in: db)
            return true
        }
    }

    package func deliveries(endpointId: String, clinicId: String, limit: Int) async throws -> [WebhookDelivery] {
        let rows = try await store.read { db in
            try await db.select()
                .columns(
                    [
                        "event_id", "status", "attempts", "last_status_code", "last_duration_ms", "last_attempt_at",
                        "last_error", "next_attempt_at", "created_at",
                    ].map { SQLColumn($0, table: "outbox") }
                )
                .column(SQLColumn("type", table: "events"), as: "event_type")
                .from("outbox")
                .join(
                    "events", method: SQLJoinMethod.left, on: SQLColumn("event_id", table: "events"), .equal,
                    SQLColumn("event_id", table: "outbox")
                )
                .where(SQLColumn("kind", table: "outbox"), .equal, SQLBind(OutboxKind.webhook.rawValue))
                .where(SQLColumn("recipient", table: "outbox"), .equal, SQLBind(endpointId))
                .orderBy(
                    SQLOrderBy(expression: SQLColumn("created_at", table: "outbox"), direction: SQLDirection.descending)
                )
                .orderBy(
                    SQLOrderBy(expression: SQLColumn("event_id", table: "outbox"), direction: SQLDirection.descending)
                )
                .limit(limit)
                .all()
        }
        return try rows.map { row in
            func date(_ column: String) throws -> Date? {
                try row.decodeIfPresent(column: column, as: String.self).flatMap(Timestamp.date)
            }
            let status = OutboxStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .queued
            return WebhookDelivery(
                eventId: try row.decodeIfPresent(column: "event_id", as: String.self) ?? "",
                eventType: try row.decodeIfPresent(column: "event_type", as: String.self).flatMap(
                    EventType.init(rawValue:)),
                status: status, attempts: try row.decode(column: "attempts", as: Int.self),
                lastStatusCode: try row.decodeIfPresent(column: "last_status_code", as: Int.self),
                lastDurationMilliseconds: try row.decodeIfPresent(column: "last_duration_ms", as: Int.self),
                lastAttemptAt: try date("last_attempt_at"),
                lastError: try row.decodeIfPresent(column: "last_error", as: String.self),
                nextAttemptAt: status == .queued ? try date("next_attempt_at") : nil,
                createdAt: try date("created_at") ?? .distantPast
            )
        }
    }

    package func redeliver(endpointId: String, eventId: String, clinicId: String, now: Date) async throws -> Bool {
        try await store.transaction { db in
            guard
                try await db.select().column("event_id").from(EventTable.name)
                    .where("event_id", .equal, eventId).where("clinic_id", .equal, clinicId).first() != nil,
                try await Self.endpoint(endpointId, clinicId: clinicId, in: db) != nil
            else { return false }
            let messageId = "\(eventId).\(endpointId)"
            let due = Timestamp.string(now)
            let requeued = try await db.update("outbox")
                .set("status", to: OutboxStatus.queued.rawValue).set("next_attempt_at", to: due)
                .set("claimed_until", to: SQLLiteral.null)
                .where("message_id", .equal, messageId)
                .returning("message_id").all()
            if requeued.isEmpty {
                try await db.insert(into: "outbox")
                    .columns(
                        "message_id", "kind", "recipient", "event_id", "status", "attempts", "created_at",
                        "next_attempt_at"
                    )
                    .values(
                        messageId, OutboxKind.webhook.rawValue, endpointId, eventId, OutboxStatus.queued.rawValue, 0,
                        due, due
                    )
                    .run()
            }
            return true
        }
    }

    static let columns = [
        "endpoint_id", "clinic_id", "url", "description", "status", "disabled_reason", "created_at", "updated_at",
    ].map { SQLColumn($0) }

    /// The clinic's endpoint `id`, locked until the transaction ends on PostgreSQL when `locking`.
    private static func endpoint(
        _ id: String, clinicId: String, locking: Bool = false, in db: any SQLDatabase
    ) async throws -> WebhookEndpoint? {
        var query = db.select().columns(columns).from("webhook_endpoints")
            .where("endpoint_id", .equal, id).where("clinic_id", .equal, clinicId)
        if locking { query = query.for(.update) }
        guard let row = try await query.first() else { return nil }
        return try await endpoints([row], in: db).first
    }

    /// The endpoints of `rows`, with the types they subscribe to.
    static func endpoints(_ rows: [any SQLRow], in db: any SQLDatabase) async throws -> [WebhookEndpoint] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "endpoint_id", as: String.self) }
        var types: [String: Set<EventType>] = [:]
        for row in try await db.select().columns("endpoint_id", "type").from("webhook_subscriptions")
            .where("endpoint_id", .in, ids).all()
        {
            if let type = EventType(rawValue: try row.decode(column: "type", as: String.self)) {
                types[try row.decode(column: "endpoint_id", as: String.self), default: []].insert(type)
            }
        }
        return try zip(rows, ids).map { row, id in
            WebhookEndpoint(
                endpointId: id, clinicId: try row.decode(column: "clinic_id", as: String.self),
                url: try row.decode(column: "url", as: String.self),
                eventTypes: EventType.allCases.filter { types[id]?.contains($0) == true },
                description: try row.decodeIfPresent(column: "description", as: String.self),
                status: WebhookEndpoint.Status(rawValue: try row.decode(column: "status", as: String.self))
                    ?? .disabled,
                disabledReason: try row.decodeIfPresent(column: "disabled_reason", as: String.self),
                createdAt: Timestamp.date(try row.decode(column: "created_at", as: String.self)) ?? .distantPast,
                updatedAt: Timestamp.date(try row.decode(column: "updated_at", as: String.self)) ?? .distantPast
            )
        }
    }

    /// Subscribes `endpoint` to its event types.
    private static func subscribe(_ endpoint: WebhookEndpoint, in db: any SQLDatabase) async throws {
        guard !endpoint.eventTypes.isEmpty else { return }
        var insert = db.insert(into: "webhook_subscriptions").columns("endpoint_id", "clinic_id", "type")
        for type in endpoint.eventTypes {
            insert = insert.values(endpoint.endpointId, endpoint.clinicId, type.rawValue)
        }
        try await insert.run()
    }
}
