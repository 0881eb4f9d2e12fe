import AvaraCore
import Foundation
import SQLKit

/// The `idempotency_keys` table: one row per (clinic, key), holding the answer to replay until `expires_at`.
///
/// The primary key `(clinic_id, idempotency_key)` is what makes a key answer once: of two requests racing with one
/// key, the database lets exactly one insert its row, in the same transaction as its invite.
package enum IdempotencyTable {
    package static let name = "idempotency_keys"

    package static let columns = [
        "clinic_id", "idempotency_key", "request_hash", "response_status", "response_headers", "response_body",
        "created_at", "expires_at", "subject_id",
    ]

    /// Inserts each record's key with its 201 answer, inside the invite transaction of `db`.
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
            insert = insert.values(try values(of: records[index], answer: records[index].created))
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

    /// Replaces the 201 answer of a claimed key with its `duplicateEmail` answer: the invite found its email taken.
    package static func keepDuplicateEmailAnswer(of record: IdempotencyRecord, in db: any SQLDatabase) async throws {
        let answer = record.duplicateEmail
        try await db.update(name)
            .set("response_status", to: answer.status)
            .set("response_headers", to: try answer.encodedHeaders())
            .set("response_body", to: String(decoding: answer.body, as: UTF8.self))
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

    /// The values of `record` with `answer`, in the order of ``columns``.
    private static func values(
        of record: IdempotencyRecord, answer: StoredResponse
    ) throws -> [any Encodable & Sendable] {
        [
            record.clinicId, record.key, record.fingerprint.hex, answer.status, try answer.encodedHeaders(),
            String(decoding: answer.body, as: UTF8.self), Timestamp.string(record.createdAt),
            Timestamp.string(record.expiresAt), record.subjectId,
        ]
    }

    /// Reads a row selected with ``columns``.
    package static func remembered(from row: any SQLRow) throws -> RememberedResponse {
        guard let createdAt = Timestamp.date(try row.decode(column: "created_at", as: String.self)) else {
            throw StorageError.corruptRow(table: name, column: "created_at")
        }
        return RememberedResponse(
            fingerprint: RequestFingerprint(storedHex: try row.decode(column: "request_hash", as: String.self)),
            response: StoredResponse(
                status: try row.decode(column: "response_status", as: Int.self),
                headers: try StoredResponse.decodeHeaders(try row.decode(column: "response_headers", as: String.self)),
                body: Array(try row.decode(column: "response_body", as: String.self).utf8)
            ),
            createdAt: createdAt
        )
    }
}
