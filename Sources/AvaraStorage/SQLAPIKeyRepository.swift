import AvaraCore
import Foundation
import SQLKit

/// ``APIKeyRepository`` over any SQLKit backend.
package struct SQLAPIKeyRepository: APIKeyRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func create(
        _ record: APIKeyRecord, secretHash: String, liveLimit: Int, idempotency: IdempotencyRecord?,
        event: DomainEvent
    ) async throws -> APIKeyCreation {
        try await store.transaction { db in
            // The clinic's row, locked on PostgreSQL, orders concurrent creations of one clinic (SQLite has one
            // writer), so that the count below cannot be passed by two at once.
            _ = try await db.select().column("clinic_id").from("clinics")
                .where("clinic_id", .equal, record.clinicId).for(.update).first()
            let live =
                try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "live")
                .from("api_keys")
                .where("clinic_id", .equal, record.clinicId).where("revoked_at", .is, SQLLiteral.null)
                .first()?.decode(column: "live", as: Int.self) ?? 0
            guard live < liveLimit else { return .limitReached }
            if let idempotency, try await IdempotencyTable.claim([idempotency], in: db) != [true] {
                return .idempotencyKeyTaken
            }
            try await db.insert(into: "api_keys")
                .columns("key_id", "clinic_id", "secret_hash", "created_at", "name", "created_by_key_id")
                .values(
                    record.keyId, record.clinicId, secretHash, Timestamp.string(record.createdAt), record.name,
                    record.createdByKeyId
                )
                .run()
            try await EventTable.append(event, in: db)
            return .created
        }
    }

    package func keys(clinicId: String) async throws -> [APIKeyRecord] {
        try await store.read { db in
            try await db.select().columns(Self.columns).from("api_keys")
                .where("clinic_id", .equal, clinicId)
                .orderBy("created_at").orderBy("key_id")
                .all()
                .map(Self.record(from:))
        }
    }

    package func revoke(
        keyId: String, clinicId: String, now: Date, audit: AuditedChange<APIKeyRecord>
    ) async throws -> APIKeyRecord? {
        try await store.transaction { db in
            guard let stored = try await key(keyId, clinicId: clinicId, in: db) else { return nil }
            try audit.check(stored)
            guard stored.revokedAt == nil else { return stored }
            try await db.update("api_keys").set("revoked_at", to: Timestamp.string(now))
                .where("key_id", .equal, keyId).where("clinic_id", .equal, clinicId)
                .where("revoked_at", .is, SQLLiteral.null)
                .run()
            var revoked = stored
            revoked.revokedAt = now
            try await EventTable.append(audit.event(stored, revoked), in: db)
            return revoked
        }
    }

    /// The clinic's key `keyId`, locked until the transaction ends on PostgreSQL.
    private func key(_ keyId: String, clinicId: String, in db: any SQLDatabase) async throws -> APIKeyRecord? {
        try await db.select().columns(Self.columns).from("api_keys")
            .where("key_id", .equal, keyId).where("clinic_id", .equal, clinicId)
            .for(.update)
            .first()
            .map(Self.record(from:))
    }

    package func recordUse(keyId: String, now: Date, unlessUsedSince notBefore: Date) async throws {
        try await store.transaction { db in
            try await db.update("api_keys").set("last_used_at", to: Timestamp.string(now))
                .where("key_id", .equal, keyId)
                .where {
                    $0.where("last_used_at", .is, SQLLiteral.null)
                        .orWhere("last_used_at", .lessThan, Timestamp.string(notBefore))
                }
                .run()
        }
    }

    private static let columns = [
        "key_id", "clinic_id", "name", "created_at", "last_used_at", "revoked_at", "created_by_key_id",
    ].map {
        SQLColumn($0)
    }

    private static func record(from row: any SQLRow) throws -> APIKeyRecord {
        func date(_ column: String) throws -> Date? {
            try row.decodeIfPresent(column: column, as: String.self).flatMap(Timestamp.date)
        }
        return APIKeyRecord(
            keyId: try row.decode(column: "key_id", as: String.self),
            clinicId: try row.decode(column: "clinic_id", as: String.self),
            name: try row.decodeIfPresent(column: "name", as: String.self) ?? APIKeyRecord.firstKeyName,
            createdAt: try date("created_at") ?? .distantPast,
            lastUsedAt: try date("last_used_at"),
            revokedAt: try date("revoked_at"),
            createdByKeyId: try row.decodeIfPresent(column: "created_by_key_id", as: String.self)
        )
    }
}
