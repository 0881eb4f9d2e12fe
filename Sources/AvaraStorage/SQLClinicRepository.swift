import AvaraCore
import Foundation
import SQLKit

/// ``ClinicRepository`` over any SQLKit backend.
package struct SQLClinicRepository: ClinicRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func createClinic(_ clinic: Clinic, apiKey: APIKeyCredential) async throws {
        try await store.transaction { db in try await Self.insert(clinic, apiKey: apiKey, into: db) }
    }

    package func createFirstClinic(_ clinic: Clinic, apiKey: APIKeyCredential) async throws -> Bool {
        try await store.transaction(holding: .firstClinic) { db in
            guard try await Self.count(in: db) == 0 else { return false }
            try await Self.insert(clinic, apiKey: apiKey, into: db)
            return true
        }
    }

    private static func insert(_ clinic: Clinic, apiKey: APIKeyCredential, into db: any SQLDatabase) async throws {
        try await db.insert(into: "clinics")
            .columns("clinic_id", "name", "created_at")
            .values(clinic.clinicId, clinic.name, Timestamp.string(clinic.createdAt))
            .run()
        try await db.insert(into: "api_keys")
            .columns("key_id", "clinic_id", "secret_hash", "created_at", "name")
            .values(
                apiKey.keyId, clinic.clinicId, apiKey.secretHash, Timestamp.string(clinic.createdAt),
                APIKeyRecord.firstKeyName
            )
            .run()
    }

    private static func count(in db: any SQLDatabase) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("clinics")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    package func clinic(id clinicId: String) async throws -> Clinic? {
        let row = try await store.read { db in
            try await db.select().columns("clinic_id", "name", "created_at").from("clinics")
                .where("clinic_id", .equal, clinicId)
                .first()
        }
        guard let row else { return nil }
        return Clinic(
            clinicId: try row.decode(column: "clinic_id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: String.self)) ?? .distantPast
        )
    }

    package func clinicCount() async throws -> Int {
        try await store.read { db in try await Self.count(in: db) }
    }

    package func owner(of key: APIKeyCredential) async throws -> KeyOwner? {
        let row = try await store.read { db in
            try await db.select()
                .columns(
                    SQLColumn("secret_hash", table: "k"), SQLColumn("clinic_id", table: "c"),
                    SQLColumn("name", table: "c"), SQLColumn("created_at", table: "c"),
                    SQLColumn("last_used_at", table: "k")
                )
                .column(SQLColumn("name", table: "k"), as: "key_name")
                .from(SQLAlias(SQLIdentifier("api_keys"), as: SQLIdentifier("k")))
                .join(
                    SQLAlias(SQLIdentifier("clinics"), as: SQLIdentifier("c")), on: SQLColumn("clinic_id", table: "k"),
                    .equal, SQLColumn("clinic_id", table: "c")
                )
                .where(SQLColumn("key_id", table: "k"), .equal, SQLBind(key.keyId))
                .where(SQLColumn("revoked_at", table: "k"), .is, SQLLiteral.null)
                .first()
        }
        guard let row, key.matches(storedHash: try row.decode(column: "secret_hash", as: String.self)) else {
            return nil
        }
        let createdAt = try row.decode(column: "created_at", as: String.self)
        let clinic = Clinic(
            clinicId: try row.decode(column: "clinic_id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            createdAt: Timestamp.date(createdAt) ?? .distantPast
        )
        let name = try row.decodeIfPresent(column: "key_name", as: String.self) ?? APIKeyRecord.firstKeyName
        return KeyOwner(
            key: VerifiedKey(clinic: clinic, keyId: key.keyId, name: name),
            lastUsedAt: try row.decodeIfPresent(column: "last_used_at", as: String.self).flatMap(Timestamp.date)
        )
    }
}
