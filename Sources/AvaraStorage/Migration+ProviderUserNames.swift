import AvaraCore
import SQLKit

extension Migration {
    /// The name a clinic's identity provider knows each user it provisions by (SCIM's `userName`, often a sign-in
    /// name that is not the user's email), as it was sent and lowercased: unique per clinic and product, so that two
    /// users can never answer one `userName` filter.
    package static let providerUserNames = Migration(version: 23, name: "provider user names") { db in
        try await db.alter(table: "users").column("provider_user_name", type: .text).run()
        try await db.alter(table: "users").column("provider_user_name_key", type: .text).run()
        try await db.create(index: "users_by_provider_user_name").unique().on("users")
            .column("clinic_id").column("product").column("provider_user_name_key")
            .run()
    }
}
