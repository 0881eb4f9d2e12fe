import AvaraCore
import Foundation
import SQLKit

/// ``IdempotencyRepository`` over any SQLKit backend.
package struct SQLIdempotencyRepository: IdempotencyRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func remembered(clinicId: String, key: String, now: Date) async throws -> RememberedResponse? {
        try await store.read { db in
            try await db.select()
                .columns(IdempotencyTable.columns.map { SQLColumn($0) })
                .from(IdempotencyTable.name)
                .where("clinic_id", .equal, clinicId)
                .where("idempotency_key", .equal, key)
                .where("expires_at", .greaterThan, Timestamp.string(now))
                .first()
                .map(IdempotencyTable.remembered(from:))
        }
    }

    @discardableResult
    package func purgeExpired(now: Date, limit: Int) async throws -> Int {
        let cutoff = Timestamp.string(now)
        let limit = max(1, limit)
        return try await store.transaction { db in
            // Bounded, so that a large backlog never holds the single writer for long.
            try await db.raw(
                """
                DELETE FROM \(ident: IdempotencyTable.name) WHERE (clinic_id, idempotency_key) IN (
                    SELECT clinic_id, idempotency_key FROM \(ident: IdempotencyTable.name)
                    WHERE expires_at <= \(bind: cutoff) LIMIT \(literal: limit)
                ) RETURNING clinic_id
                """
            ).all().count
        }
    }
}
