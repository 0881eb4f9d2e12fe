import AvaraCore
import SQLKit

extension Migration {
    /// The answers kept under `Idempotency-Key`s, one per clinic and key, for 24 hours.
    ///
    /// The primary key `(clinic_id, idempotency_key)` is what guarantees one answer per key: of two requests racing
    /// with one key, only one can insert its row (see ``IdempotencyTable``). `expires_at` is indexed for the purge.
    package static let idempotencyKeys = Migration(version: 2, name: "idempotency keys") { db in
        try await db.create(table: "idempotency_keys")
            .column("clinic_id", type: .text, .notNull, .references("clinics", "clinic_id"))
            .column("idempotency_key", type: .text, .notNull)
            // SHA-256 (hex) of the request's path and body: a key only replays for the request it answered.
            .column("request_hash", type: .text, .notNull)
            .column("response_status", type: .bigint, .notNull)
            // A JSON array of {"name", "value"}: the headers that describe the answer.
            .column("response_headers", type: .text, .notNull)
            .column("response_body", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .orderedText, .notNull)
            .primaryKey("clinic_id", "idempotency_key")
            .run()
        try await db.create(index: "idempotency_keys_expiry").on("idempotency_keys").column("expires_at").run()
    }
}
