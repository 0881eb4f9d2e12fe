import AvaraCore
import SQLKit

extension Migration {
    /// The outcomes kept under `Idempotency-Key`s (``IdempotentOutcome``, as JSON), one per clinic and key, for 24
    /// hours: what the command ended with, which each surface renders as its answer, instead of an HTTP answer the
    /// core stored for the API.
    ///
    /// The primary key `(clinic_id, idempotency_key)` is what guarantees one outcome per key: of two requests racing
    /// with one key, only one can insert its row (see ``IdempotencyTable``). `expires_at` is indexed for the purge,
    /// `subject_id` for forgetting a removed user's outcomes.
    ///
    /// The `idempotency_keys` table of earlier versions is left as it is, no longer read: replicas of those versions
    /// may still be running during an upgrade of a shared PostgreSQL database, and keep using it.
    package static let idempotencyOutcomes = Migration(version: 14, name: "idempotency outcomes") { db in
        try await db.create(table: IdempotencyTable.name)
            .column("clinic_id", type: .text, .notNull, .references("clinics", "clinic_id"))
            .column("idempotency_key", type: .text, .notNull)
            // SHA-256 (hex) of the request's path and body: a key only replays for the request it answered.
            .column("request_hash", type: .text, .notNull)
            // The id of the request that made the record, which its answers name.
            .column("request_id", type: .text, .notNull)
            .column("outcome", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .orderedText, .notNull)
            .column("subject_id", type: .text)
            .primaryKey("clinic_id", "idempotency_key")
            .run()
        try await db.create(index: "idempotency_outcomes_expiry").on(IdempotencyTable.name).column("expires_at").run()
        try await db.create(index: "idempotency_outcomes_by_subject").on(IdempotencyTable.name).column("subject_id")
            .run()
    }
}
