import AvaraCore
import Foundation
import SQLKit

/// The `idempotency_outcomes` table: one row per (clinic, key), holding the command's outcome (JSON) to replay
/// until `expires_at`.
///
/// The primary key `(clinic_id, idempotency_key)` is what makes a key answer once: of two requests racing with one
/// key, the database lets exactly one insert its row, in the same transaction as its command.
package enum IdempotencyTable {
    package static let name = "idempotency_outcomes"

    package static let columns = [
        "clinic_id", "idempotency_key", "request_hash", "request_id", "outcome", "created_at", "expires_at",
        "subject_id",
    ]

    /// Inserts each record's key with its outcome, inside the command's transaction of `db`.
    ///
    /// A row whose time is up no longer holds its key and is replaced. Of several records of the batch with one
    /// key, the first gets it.
    ///
    /// - Returns: Per record, in order: `true` when its key is now claimed by it, `false` when a live row (of an
    ///   earlier, committed request, or an earlier record of this batch) holds the key.
    package static func claim(_ records: [IdempotencyRecord], in db: any SQLDatabase) async throws -> [Bool] {
        guard !records.isEmpty else { return [] }
        var seen = Set<IdempotencyScope>()
        // In one order in every transaction (see SQLUserRepository.insertInvites), so concurrent batches never deadlock.
        let firsts = records.indices.filter { seen.insert(records[$0].scope).inserted }
            .sorted { (records[$0].clinicId, records[$0].key) < (records[$1].clinicId, records[$1].key) }
        try await db.delete(from: name)
            .where { group in
                firsts.reduce(group) { group, index in
                    let record = records[index]
                    return group.orWhere { expired in
                        expired.where("clinic_id", .equal, record.clinicId)
                            .where("idempotency_key", .equal, record.key)
                            .where("expires_at", .lessThanOrEqual, Timestamp.string(record.createdAt))
                    }
                }
            }
            .run()
        var insert = db.insert(into: name).columns(columns)
        for index in firsts {
            insert = insert.values(try values(of: records[index]))
        }
        let rows = try await insert.ignoringConflicts(with: ["clinic_id", "idempotency_key"])
            .returning("clinic_id", "idempotency_key")
            .all()
        let claimed = Set(
            try rows.map { row in
                IdempotencyScope(
                    clinicId: try row.decode(column: "clinic_id", as: String.self),
                    key: try row.decode(column: "idempotency_key", as: String.self)
                )
            }
        )
        let firstIndices = Set(firsts)
        return records.indices.map { firstIndices.contains($0) && claimed.contains(records[$0].scope) }
    }

    /// Replaces the outcome of a claimed key with ``IdempotencyRecord/emailTaken``: the invite found its email
    /// taken.
    package static func keepEmailTaken(of record: IdempotencyRecord, in db: any SQLDatabase) async throws {
        guard let taken = record.emailTaken else { return }
        try await db.update(name)
            .set("outcome", to: try encoded(taken.outcome))
            .set("subject_id", to: SQLLiteral.null)
            .where("clinic_id", .equal, record.clinicId)
            .where("idempotency_key", .equal, record.key)
            .run()
    }

    /// Forgets the answers about `subjectId` (a user being removed), inside the removal's transaction of `db`.
    package static func forget(subjectId: String, clinicId: String, in db: any SQLDatabase) async throws {
        try await db.delete(from: name).where("clinic_id", .equal, clinicId).where("subject_id", .equal, subjectId)
            .run()
    }

    /// The values of `record`, in the order of ``columns``.
    private static func values(of record: IdempotencyRecord) throws -> [any Encodable & Sendable] {
        [
            record.clinicId, record.key, record.fingerprint.hex, record.requestId, try encoded(record.outcome),
            Timestamp.string(record.createdAt), Timestamp.string(record.expiresAt), record.subjectId,
        ]
    }

    /// `outcome` as the `outcome` column keeps it: JSON, its times as seconds (exact on the way back).
    private static func encoded(_ outcome: IdempotentOutcome) throws -> String {
        String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
    }

    /// Reads a row selected with ``columns``.
    package static func remembered(from row: any SQLRow) throws -> RememberedOutcome {
        guard let createdAt = Timestamp.date(try row.decode(column: "created_at", as: String.self)) else {
            throw StorageError.corruptRow(table: name, column: "created_at")
        }
        let outcome: IdempotentOutcome
        do {
            outcome = try JSONDecoder().decode(
                IdempotentOutcome.self, from: Data(try row.decode(column: "outcome", as: String.self).utf8)
            )
        } catch {
            throw StorageError.corruptRow(table: name, column: "outcome")
        }
        return RememberedOutcome(
            fingerprint: RequestFingerprint(storedHex: try row.decode(column: "request_hash", as: String.self)),
            requestId: try row.decode(column: "request_id", as: String.self), outcome: outcome, createdAt: createdAt
        )
    }
}
