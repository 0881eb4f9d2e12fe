/// The defaults a clinic's identity provider provisions users with (SCIM): read for each SCIM create, set by the
/// operator (`avara clinics scim-defaults`) under the same rules as an invite.
package struct ProvisioningService: Sendable {
    private let rules: RuleBook
    private let repository: any ProvisioningDefaultsRepository

    package init(rules: RuleBook, repository: any ProvisioningDefaultsRepository) {
        self.rules = rules
        self.repository = repository
    }

    /// The clinic's defaults for `product`, or ``ProvisioningDefaults/standard`` until it sets its own.
    package func defaults(product: Product, context: CommandContext) async throws -> ProvisioningDefaults {
        try await repository.defaults(clinicId: context.clinic.clinicId, product: product) ?? .standard
    }

    /// Sets the clinic's defaults for `product`.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` naming every field an invite with these values would break (a role of
    ///   another product, a level that is not `admin` or `member`, an admin without dashboard access, reports without
    ///   the NPI number a default cannot give); ``ServiceError/forbidden(_:)`` for anyone but the operator.
    package func setDefaults(
        _ defaults: ProvisioningDefaults, product: Product, context: CommandContext
    ) async throws {
        guard case .cli = context.actor else {
            throw ServiceError.forbidden("only the operator sets provisioning defaults")
        }
        var errors =
            ClinicRoleRule.messages(for: defaults.clinicRole, rules: rules[product])
            .map { FieldError(field: InviteField.clinicRole.rawValue, message: $0) }
        errors += LevelRule.messages(for: defaults.level).map {
            FieldError(field: InviteField.level.rawValue, message: $0)
        }
        errors += UserRules.errors(
            level: defaults.level, hasDashboardAccess: defaults.hasDashboardAccess,
            canCreateReports: product.takesReports ? defaults.canCreateReports : nil, hasNPINumber: false)
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        try await repository.setDefaults(defaults, clinicId: context.clinic.clinicId, product: product)
    }
}
