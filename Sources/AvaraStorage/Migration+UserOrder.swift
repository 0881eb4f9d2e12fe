import AvaraCore
import SQLKit

extension Migration {
    /// The order users are listed in, per clinic and product: each page is a range of this index.
    package static let userOrder = Migration(version: 4, name: "user listing order") { db in
        try await db.create(index: "users_by_clinic_order").on("users")
            .column("clinic_id").column("product").column("created_at").column("user_id")
            .run()
    }
}
