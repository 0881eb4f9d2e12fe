import AvaraCore
import SQLKit

extension Migration {
    /// Which key's request made each key (`created_by_key_id`; none for the CLI's and the clinics' first keys), so
    /// that a clinic can find what a leaked key minted.
    package static let apiKeyCreators = Migration(version: 12, name: "api key creators") { db in
        try await db.alter(table: "api_keys").column("created_by_key_id", type: .text).run()
    }
}
