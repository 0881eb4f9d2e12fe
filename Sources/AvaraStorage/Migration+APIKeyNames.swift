import AvaraCore
import SQLKit

extension Migration {
    /// Several named keys per clinic: each key's name and its last recorded use. Existing keys are the clinics'
    /// first keys.
    package static let apiKeyNames = Migration(version: 10, name: "api key names") { db in
        try await db.alter(table: "api_keys").column("name", type: .text).run()
        try await db.alter(table: "api_keys").column("last_used_at", type: .text).run()
        try await db.update("api_keys").set("name", to: APIKeyRecord.firstKeyName).run()
        try await db.create(index: "api_keys_by_clinic").on("api_keys").column("clinic_id").run()
    }
}
