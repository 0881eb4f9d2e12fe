import AvaraCore
import SQLKit

/// ``ProvisioningDefaultsRepository`` over any SQLKit backend: one row per clinic and product.
package struct SQLProvisioningDefaultsRepository: ProvisioningDefaultsRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func defaults(clinicId: String, product: Product) async throws -> ProvisioningDefaults? {
        let row = try await store.read { db in
            try await db.select().columns("clinic_role", "level", "can_manage_studies", "has_dashboard_access")
                .column("can_create_reports")
                .from("provisioning_defaults")
                .where("clinic_id", .equal, clinicId).where("product", .equal, product.rawValue)
                .first()
        }
        guard let row else { return nil }
        return ProvisioningDefaults(
            clinicRole: try row.decode(column: "clinic_role", as: String.self),
            level: try row.decode(column: "level", as: String.self),
            canManageStudies: try row.decode(column: "can_manage_studies", as: Bool.self),
            hasDashboardAccess: try row.decode(column: "has_dashboard_access", as: Bool.self),
            canCreateReports: try row.decode(column: "can_create_reports", as: Bool.self)
        )
    }

    package func setDefaults(_ defaults: ProvisioningDefaults, clinicId: String, product: Product) async throws {
        try await store.transaction { db in
            try await db.insert(into: "provisioning_defaults")
                .columns(
                    "clinic_id", "product", "clinic_role", "level", "can_manage_studies", "has_dashboard_access",
                    "can_create_reports"
                )
                .values(
                    clinicId, product.rawValue, defaults.clinicRole, defaults.level, defaults.canManageStudies,
                    defaults.hasDashboardAccess, defaults.canCreateReports
                )
                .onConflict(with: ["clinic_id", "product"]) { update in
                    update.set(excludedValueOf: "clinic_role").set(excludedValueOf: "level")
                        .set(excludedValueOf: "can_manage_studies").set(excludedValueOf: "has_dashboard_access")
                        .set(excludedValueOf: "can_create_reports")
                }
                .run()
        }
    }
}
