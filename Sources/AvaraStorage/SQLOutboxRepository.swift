import AvaraCore
import Foundation
import SQLKit

/// ``OutboxRepository`` over any SQLKit backend.
///
/// On a database no other process uses (SQLite), claims live in this repository's memory instead of the
/// `claimed_until` column: taking due messages is then a plain read, not a write transaction that would wait for
/// the invites' commits and hold them up. Processes sharing a database (PostgreSQL) claim in the database.
package struct SQLOutboxRepository: OutboxRepository {
    let store: any DatabaseStore
    /// The claims of a process alone with its database; `nil` when the database is shared.
    let localClaims: LocalOutboxClaims?

    package init(store: any DatabaseStore) {
        self.store = store
        self.localClaims = store.isSharedBetweenProcesses ? nil : LocalOutboxClaims()
    }

    /// Queues `messages` for delivery, due at once, in the transaction of `db` (the one that creates or renews
    /// the invitation they announce).
    package static func enqueue(_ messages: [OutboxMessage], in db: any SQLDatabase) async throws {
        guard !messages.isEmpty else { return }
        var insert = db.insert(into: "outbox")
            .columns(
                "message_id", "kind", "user_id", "token_hash", "recipient", "message", "status", "attempts",
                "created_at", "next_attempt_at"
            )
        for message in messages {
            let created = Timestamp.string(message.createdAt)
            insert = insert.values(
                message.messageId, OutboxKind.mail.rawValue, message.userId, message.tokenHash, message.recipient,
                message.payload, OutboxStatus.queued.rawValue, 0, created, created
            )
        }
        try await insert.run()
    }

    package func claimDueMessages(
        kind: OutboxKind, dueBy: Date, now: Date, claimUntil: Date, limit: Int
    ) async throws -> [DueMessage] {
        let limit = max(1, limit)
        if let localClaims {
            // Claims of a predecessor process are still honoured until they are released or expire.
            let held = localClaims.count
            let rows = try await store.read { db in
                try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.dueColumns) FROM outbox
                    WHERE kind = \(bind: kind.rawValue) AND status = \(bind: OutboxStatus.queued.rawValue)
                        AND next_attempt_at <= \(bind: Timestamp.string(dueBy))
                        AND (claimed_until IS NULL OR claimed_until <= \(bind: Timestamp.string(now)))
                    ORDER BY next_attempt_at, message_id LIMIT \(literal: limit + held)
                    """
                ).all()
            }
            return localClaims.claim(try Self.dueMessages(rows, now: now), now: now, until: claimUntil, limit: limit)
        }
        let rows = try await store.transaction { db in
            // One statement claims: on PostgreSQL the rows another replica is claiming at this very moment are
            // skipped rather than waited for (SKIP LOCKED), and a row it claimed has a live `claimed_until`.
            try await db.raw(
                """
                UPDATE outbox SET claimed_until = \(bind: Timestamp.string(claimUntil))
                WHERE message_id IN (
                    SELECT message_id FROM outbox
                    WHERE kind = \(bind: kind.rawValue) AND status = \(bind: OutboxStatus.queued.rawValue)
                        AND next_attempt_at <= \(bind: Timestamp.string(dueBy))
                        AND (claimed_until IS NULL OR claimed_until <= \(bind: Timestamp.string(now)))
                    ORDER BY next_attempt_at LIMIT \(literal: limit) \(SkipLockedRows())
                )
                RETURNING \(unsafeRaw: Self.dueColumns)
                """
            ).all()
        }
        return try Self.dueMessages(rows, now: now)
    }

    private static let dueColumns =
        "message_id, recipient, message, event_id, attempts, created_at, next_attempt_at"

    /// The messages of `rows` (``dueColumns``), oldest first.
    private static func dueMessages(_ rows: [any SQLRow], now: Date) throws -> [DueMessage] {
        let messages = try rows.map { row in
            (
                due: try row.decode(column: "next_attempt_at", as: String.self),
                message: DueMessage(
                    messageId: try row.decode(column: "message_id", as: String.self),
                    recipient: try row.decode(column: "recipient", as: String.self),
                    payload: try row.decodeIfPresent(column: "message", as: String.self) ?? "",
                    eventId: try row.decodeIfPresent(column: "event_id", as: String.self),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    createdAt: Timestamp.date(try row.decode(column: "created_at", as: String.self)) ?? now
                )
            )
        }
        // RETURNING keeps no order: oldest first again.
        return messages.sorted { ($0.due, $0.message.messageId) < ($1.due, $1.message.messageId) }.map(\.message)
    }

    package func releaseClaims(messageIds: [String]) async throws {
        guard !messageIds.isEmpty else { return }
        if let localClaims {
            localClaims.release(messageIds)
            return
        }
        try await store.transaction { db in
            try await db.update("outbox").set("claimed_until", to: SQLLiteral.null)
                .where("message_id", .in, messageIds)
                .run()
        }
    }

    package func releaseAllClaims() async throws {
        localClaims?.releaseAll()
        try await store.transaction { db in
            try await db.update("outbox").set("claimed_until", to: SQLLiteral.null)
                .where("claimed_until", .isNot, SQLLiteral.null)
                .run()
        }
    }

    package func markSent(
        messageIds: [String], at date: Date, event: @escaping @Sendable (UserRecord) -> DomainEvent
    ) async throws {
        guard !messageIds.isEmpty else { return }
        try await store.transaction { db in
            try await db.update("outbox")
                .set("status", to: OutboxStatus.sent.rawValue)
                .set("sent_at", to: Timestamp.string(date))
                .set("message", to: SQLLiteral.null)
                .set("claimed_until", to: SQLLiteral.null)
                .set("attempts", to: SQLBinaryExpression(SQLColumn("attempts"), .add, SQLLiteral.numeric("1")))
                .where("message_id", .in, messageIds)
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .run()
            try await Self.recordEmailState(.sent, reason: nil, of: messageIds, in: db)
            try await Self.recordEmailEvents(of: messageIds, at: date, event: event, in: db)
        }
        localClaims?.release(messageIds)
    }

    package func stillLive(messageIds: [String], now: Date) async throws -> Set<String> {
        guard !messageIds.isEmpty else { return [] }
        let live = try await store.read { db in
            // A message without a token hash (queued before they were recorded) is live while it is queued.
            try await db.raw(
                """
                SELECT outbox.message_id FROM outbox
                LEFT JOIN invitations ON invitations.token_hash = outbox.token_hash
                WHERE outbox.message_id IN (\(binds: messageIds))
                    AND outbox.status = \(bind: OutboxStatus.queued.rawValue)
                    AND (outbox.token_hash IS NULL OR (
                        invitations.status = \(bind: InvitationState.Status.pending.rawValue)
                        AND invitations.expires_at > \(bind: Timestamp.string(now))
                    ))
                """
            ).all(decodingColumn: "message_id", as: String.self)
        }
        return Set(live)
    }

    /// Records `event` of each user whose current invitation `messageIds` carry, as the user now is.
    private static func recordEmailEvents(
        of messageIds: [String], at date: Date, event: @Sendable (UserRecord) -> DomainEvent, in db: any SQLDatabase
    ) async throws {
        let rows = try await db.select()
            .column(UserColumns.selected)
            .invitationStateColumns()
            .from("outbox")
            .join("users", on: SQLColumn("user_id", table: "users"), .equal, SQLColumn("user_id", table: "outbox"))
            .join(
                "invitations", on: SQLColumn("token_hash", table: "invitations"), .equal,
                SQLColumn("token_hash", table: "outbox")
            )
            .where(SQLColumn("message_id", table: "outbox"), .in, SQLBind.group(messageIds))
            .all()
        let recorded = try rows.map { row in
            var user = try UserColumns.record(from: row)
            user.invitation = try UserQueries.invitationState(in: row, now: date)
            return event(user)
        }
        try await EventTable.append(recorded, in: db)
    }

    /// Records on the invitations whose links `messageIds` carry what became of their email.
    private static func recordEmailState(
        _ status: InvitationEmailState.Status, reason: String?, of messageIds: [String], in db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE invitations SET email_status = \(bind: status.rawValue), email_error = \(bind: reason)
            WHERE token_hash IN (SELECT token_hash FROM outbox WHERE message_id IN (\(binds: messageIds)))
            """
        ).run()
    }

    package func scheduleRetry(messageId: String, attempts: Int, nextAttemptAt: Date, reason: String) async throws {
        try await update(messageId) { update in
            update.set("attempts", to: attempts)
                .set("next_attempt_at", to: Timestamp.string(nextAttemptAt))
                .set("last_error", to: reason)
        }
    }

    package func markFailed(
        messageId: String, attempts: Int, reason: String, at date: Date,
        event: @escaping @Sendable (UserRecord) -> DomainEvent
    ) async throws {
        try await update(messageId, recordingEmail: (.failed, reason, date, event)) { update in
            // A message that will never be sent keeps no working link in the database; a resend makes a new one.
            update.set("status", to: OutboxStatus.failed.rawValue)
                .set("message", to: SQLLiteral.null)
                .set("attempts", to: attempts)
                .set("last_error", to: reason)
        }
    }

    /// How many messages wait to be sent, and when the oldest was queued.
    package func backlog() async throws -> (count: Int, oldest: Date?) {
        try await store.read { db in
            let row = try await db.select()
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("MIN", args: SQLColumn("created_at")), as: "oldest")
                .from("outbox")
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .first()
            return (
                try row?.decode(column: "n", as: Int.self) ?? 0,
                try row?.decodeIfPresent(column: "oldest", as: String.self).flatMap(Timestamp.date)
            )
        }
    }

    package func count(status: OutboxStatus) async throws -> Int {
        try await store.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("outbox")
                .where("status", .equal, status.rawValue)
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// Updates a queued message with `assignments` and ends its claim; `recordingEmail` also records its email's
    /// state on its invitation, if the message was still queued.
    private func update(
        _ messageId: String,
        recordingEmail email: (InvitationEmailState.Status, String, Date, @Sendable (UserRecord) -> DomainEvent)? = nil,
        _ assignments: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        try await store.transaction { db in
            let updated = try await assignments(db.update("outbox"))
                .set("claimed_until", to: SQLLiteral.null)
                .where("message_id", .equal, messageId)
                .where("status", .equal, OutboxStatus.queued.rawValue)
                .returning("message_id")
                .all()
            if let (status, reason, date, event) = email, !updated.isEmpty {
                try await Self.recordEmailState(status, reason: reason, of: [messageId], in: db)
                try await Self.recordEmailEvents(of: [messageId], at: date, event: event, in: db)
            }
        }
        localClaims?.release([messageId])
    }
}
