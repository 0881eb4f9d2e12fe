import AvaraCore
import Foundation
import SQLKit

/// The `events` table (``Migration/events``): events go in with the change they record, in its transaction, and
/// with them a webhook delivery for each enabled endpoint of the clinic that wants the event's type.
package enum EventTable {
    package static let name = "events"

    /// Inserts `events` in `db`'s transaction, and their webhook deliveries: on PostgreSQL in one statement, the
    /// deliveries read from the rows it inserts; elsewhere in two.
    package static func append(_ events: [DomainEvent], in db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        var insert = SQLInsert(table: SQLIdentifier(name))
        insert.columns = columns.map { SQLIdentifier($0) }
        insert.values = events.map(values(of:))
        if db.dialect.isPostgreSQL {
            try await db.raw(
                """
                WITH events AS (\(insert) RETURNING event_id, clinic_id, type, created_at)
                \(queueDeliveries(of: "TRUE"))
                """
            ).run()
        } else {
            try await db.execute(sql: insert) { _ in }
            try await db.raw(queueDeliveries(of: "events.event_id IN (\(binds: events.map(\.eventId)))")).run()
        }
    }

    /// The statement that queues, as outbox messages of kind `webhook` due at once, one delivery of each of the
    /// `events` for which `selected` holds to each enabled endpoint of its clinic subscribed to its type.
    private static func queueDeliveries(of selected: SQLQueryString) -> SQLQueryString {
        """
        INSERT INTO outbox (message_id, kind, recipient, event_id, status, attempts, created_at, next_attempt_at)
        SELECT events.event_id || '.' || s.endpoint_id, \(bind: OutboxKind.webhook.rawValue), s.endpoint_id,
            events.event_id, \(bind: OutboxStatus.queued.rawValue), 0, events.created_at, events.created_at
        FROM events
        JOIN webhook_subscriptions s ON s.clinic_id = events.clinic_id AND s.type = events.type
        JOIN webhook_endpoints e ON e.endpoint_id = s.endpoint_id
            AND e.status = \(bind: WebhookEndpoint.Status.enabled.rawValue)
        WHERE \(selected)
        """
    }

    /// Inserts `event`, when there is one, in `db`'s transaction.
    package static func append(_ event: DomainEvent?, in db: any SQLDatabase) async throws {
        if let event { try await append([event], in: db) }
    }

    static let columns = [
        "event_id", "clinic_id", "type", "product", "actor_type", "actor_id", "actor_name", "surface", "request_id",
        "client_address", "subject_id", "data", "previous_values", "created_at",
    ]

    /// The event a row of ``columns`` holds.
    static func event(from row: any SQLRow) throws -> DomainEvent {
        func text(_ column: String) throws -> String? { try row.decodeIfPresent(column: column, as: String.self) }
        func json(_ column: String) throws -> JSONValue? {
            try text(column).map { try JSONParser.parse(Array($0.utf8)) }
        }
        // The stored text is the data's JSON as written (JSONValue.jsonText): kept, not written again.
        let dataText = try text("data")
        let data = try dataText.map { try JSONParser.parse(Array($0.utf8)) }
        let type = try row.decode(column: "type", as: String.self)
        guard let eventType = EventType(rawValue: type) else { throw StoredEventError(eventType: type) }
        var previousValues: [String: JSONValue]?
        if case .object(let values)? = try json("previous_values") { previousValues = values }
        return DomainEvent(
            eventId: try row.decode(column: "event_id", as: String.self), type: eventType,
            clinicId: try row.decode(column: "clinic_id", as: String.self),
            product: try text("product").flatMap(Product.init(rawValue:)),
            actor: EventActor(
                type: try row.decode(column: "actor_type", as: String.self), id: try text("actor_id"),
                name: try text("actor_name")
            ),
            surface: try text("surface").flatMap(CommandContext.Surface.init(rawValue:)),
            requestId: try text("request_id"), clientAddress: try text("client_address"),
            subjectId: try text("subject_id"), data: data ?? .object([:]), dataJSON: dataText,
            previousValues: previousValues,
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: String.self)) ?? .distantPast
        )
    }

    /// The row of `event`, in the order of ``columns``: its absent values written `NULL` as they are, not
    /// encoded one by one as optionals.
    private static func values(of event: DomainEvent) -> [any SQLExpression] {
        func text(_ value: String?) -> any SQLExpression { value.map { SQLBind($0) } ?? SQLLiteral.null }
        return [
            SQLBind(event.eventId), SQLBind(event.clinicId), SQLBind(event.type.rawValue),
            text(event.product?.rawValue),
            SQLBind(event.actor.type), text(event.actor.id), text(event.actor.name), text(event.surface?.rawValue),
            text(event.requestId), text(event.clientAddress), text(event.subjectId), SQLBind(event.dataJSON),
            text(event.previousValues.map { JSONValue.object($0).jsonText }),
            SQLBind(Timestamp.string(event.createdAt)),
        ]
    }
}

/// A stored event of a type this version does not know (written by a newer replica during an upgrade).
struct StoredEventError: Error, CustomStringConvertible {
    var eventType: String
    var description: String { "an event of type \(eventType), unknown to this version" }
}
