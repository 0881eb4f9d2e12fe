import AvaraCore
import SQLKit

extension Migration {
    /// What provisioning from an identity provider (SCIM) keeps: whether each user is active (a deactivated user is
    /// kept, but cannot sign in or accept their invitation), the provider's own id of the user (`externalId`), which
    /// it looks users up by, and each clinic's defaults per product for the fields the provider does not send.
    package static let scimProvisioning = Migration(version: 22, name: "SCIM provisioning") { db in
        try await db.alter(table: "users")
            .column("active", type: .custom(SQLRaw("BOOLEAN NOT NULL DEFAULT TRUE")))
            .run()
        try await db.alter(table: "users").column("external_id", type: .text).run()
        try await db.create(index: "users_by_external_id").on("users")
            .column("clinic_id").column("product").column("external_id")
            .run()
        try await db.create(table: "provisioning_defaults")
            .column("clinic_id", type: .text, .notNull, .references("clinics", "clinic_id"))
            .column("product", type: .text, .notNull)
            .column("clinic_role", type: .text, .notNull)
            .column("level", type: .text, .notNull)
            .column("can_manage_studies", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("has_dashboard_access", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("can_create_reports", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .primaryKey("clinic_id", "product")
            .run()
    }
}
