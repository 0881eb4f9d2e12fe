import AvaraCore
import Foundation
import SQLKit

/// ``IdempotencyRepository`` over any SQLKit backend.
package struct SQLIdempotencyRepository: IdempotencyRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func remembered(clinicId: String, key: String, now: Date) async throws -> RememberedOutcome? {
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
        return try await store.transaction { db in
            try await db.deleteBatch(
                from: IdempotencyTable.name, keyedBy: ["clinic_id", "idempotency_key"],
                where: "expires_at <= \(bind: cutoff)", limit: limit
            )
        }
    }
}
