import Foundation
import SQLKit

/// ``OutboxRepository`` over any SQLKit backend.
package struct SQLOutboxRepository: OutboxRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func dueMessages(now: Date, limit: Int) async throws -> [DueMessage] {
        let rows = try await store.read { db in
            try await db.select().columns("message_id", "recipient", "message", "attempts", "created_at").from("outbox")
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .where("next_attempt_at", .lessThanOrEqual, Timestamp.string(now))
                .orderBy("next_attempt_at")
                .limit(limit)
                .all()
        }
        return try rows.map { row in
            DueMessage(
                messageId: try row.decode(column: "message_id", as: String.self),
                recipient: try row.decode(column: "recipient", as: String.self),
                payload: try row.decode(column: "message", as: String?.self) ?? "",
                attempts: try row.decode(column: "attempts", as: Int.self),
                createdAt: Timestamp.date(try row.decode(column: "created_at", as: String.self)) ?? now
            )
        }
    }

    package func markSent(messageIds: [String], at date: Date) async throws {
        guard !messageIds.isEmpty else { return }
        try await store.transaction { db in
            try await db.update("outbox")
                .set("status", to: OutboxStatus.sent.rawValue)
                .set("sent_at", to: Timestamp.string(date))
                .set("message", to: SQLLiteral.null)
                .set("attempts", to: SQLBinaryExpression(SQLColumn("attempts"), .add, SQLLiteral.numeric("1")))
                .where("message_id", .in, messageIds)
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .run()
        }
    }

    package func scheduleRetry(messageId: String, attempts: Int, nextAttemptAt: Date, reason: String) async throws {
        try await update(messageId) { update in
            update.set("attempts", to: attempts)
                .set("next_attempt_at", to: Timestamp.string(nextAttemptAt))
                .set("last_error", to: reason)
        }
    }

    package func markFailed(messageId: String, attempts: Int, reason: String) async throws {
        try await update(messageId) { update in
            update.set("status", to: OutboxStatus.failed.rawValue)
                .set("attempts", to: attempts)
                .set("last_error", to: reason)
        }
    }

    package func count(status: OutboxStatus) async throws -> Int {
        try await store.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("outbox")
                .where("status", .equal, status.rawValue)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    private func update(
        _ messageId: String,
        _ assignments: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        try await store.transaction { db in
            try await assignments(db.update("outbox"))
                .where("message_id", .equal, messageId)
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .run()
        }
    }
}
