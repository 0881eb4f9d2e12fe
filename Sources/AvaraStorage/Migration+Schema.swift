import AvaraCore
import SQLKit

extension Migration {
    /// Every migration of the service, oldest first.
    package static let all: [Migration] = [
        initialSchema, idempotencyKeys, accounts, userOrder, outboxClaims, loginFailures, invitationResends,
        loginAttempts,
        invitationEmails, apiKeyNames, nameSearchKeys, apiKeyCreators, idempotencySubjects, idempotencyOutcomes, events,
        webhooks, invitationExpiries, eventsByActor, dashboardSessions, passwordResets, userIdCollation,
        scimProvisioning, providerUserNames,
    ]

    /// Clinics, their API keys, invited users, invitations and the mail outbox.
    ///
    /// Timestamps are ``Timestamp`` text (millisecond RFC 3339 UTC, which sorts as text); the columns compared in
    /// ranges are ``SQLDataType/orderedText`` so that they compare byte by byte on PostgreSQL too.
    package static let initialSchema = Migration(version: 1, name: "initial schema") { db in
        try await db.create(table: "clinics")
            .column("clinic_id", type: .text, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .run()

        // Only a SHA-256 of each key is kept; `key_id` is the public, non-secret part used to find it.
        try await db.create(table: "api_keys")
            .column("key_id", type: .text, .primaryKey(autoIncrement: false))
            .column("clinic_id", type: .text, .notNull, .references("clinics", "clinic_id"))
            .column("secret_hash", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("revoked_at", type: .text)
            .run()

        // `email_key` is the lowercased email: the unique constraint makes emails unique per clinic and product
        // regardless of case, whatever the application does.
        try await db.create(table: "users")
            .column("user_id", type: .orderedText, .primaryKey(autoIncrement: false))
            .column("clinic_id", type: .text, .notNull, .references("clinics", "clinic_id"))
            .column("product", type: .text, .notNull)
            .column("email", type: .text, .notNull)
            .column("email_key", type: .text, .notNull)
            .column("first_name", type: .text, .notNull)
            .column("last_name", type: .text, .notNull)
            .column("middle_name", type: .text)
            .column("suffix1", type: .text)
            .column("suffix2", type: .text)
            .column("phone_number", type: .text)
            .column("clinic_role", type: .text, .notNull)
            .column("level", type: .text, .notNull)
            .column("can_manage_studies", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("has_dashboard_access", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("can_create_reports", type: .custom(SQLRaw("BOOLEAN")))
            .column("npi_number", type: .text)
            .column("invited_source", type: .text, .notNull)
            .column("created_at", type: .orderedText, .notNull)
            .column("last_login_at", type: .text)
            .unique("clinic_id", "product", "email_key")
            .run()

        // Only a SHA-256 of each invitation token is kept; the token itself exists only in the email.
        try await db.create(table: "invitations")
            .column("invitation_id", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .text, .notNull, .references("users", "user_id"))
            .column("token_hash", type: .text, .notNull, .unique)
            .column("status", type: .text, .notNull)
            .column("created_at", type: .orderedText, .notNull)
            .column("expires_at", type: .orderedText, .notNull)
            .run()
        try await db.create(index: "invitations_by_user").on("invitations").column("user_id").run()

        // Messages wait here until a transport accepts them. The stored content is cleared once sent.
        try await db.create(table: "outbox")
            .column("message_id", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .text, .references("users", "user_id"))
            .column("recipient", type: .text, .notNull)
            .column("message", type: .text)
            .column("status", type: .text, .notNull)
            .column("attempts", type: .bigint, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("next_attempt_at", type: .orderedText, .notNull)
            .column("sent_at", type: .text)
            .column("last_error", type: .text)
            .run()
        try await db.create(index: "outbox_due").on("outbox").column("status").column("next_attempt_at").run()
    }
}
