/// What a clinic's identity provider does (SCIM): creates and changes users, over the invitations and the user
/// directory, with the clinic's defaults for what it does not send, which the operator sets
/// (`avara clinics scim-defaults`) under the same rules as an invite.
package struct ProvisioningService: Sendable {
    private let rules: RuleBook
    private let repository: any ProvisioningDefaultsRepository
    private let invitations: InvitationService
    private let users: UserDirectoryService

    package init(
        rules: RuleBook, repository: any ProvisioningDefaultsRepository, invitations: InvitationService,
        users: UserDirectoryService
    ) {
        self.rules = rules
        self.repository = repository
        self.invitations = invitations
        self.users = users
    }

    /// Invites the user the provider creates: `fields` as an invite takes them, the clinic's defaults filling those
    /// it leaves out, with the provider's `identity` of the user.
    ///
    /// - Throws: as ``InvitationService/invite(product:fields:context:idempotency:)``, and
    ///   ``ServiceError/userNameTaken(_:)`` when a user of the product already goes by `identity.userName`.
    package func create(
        product: Product, fields: [String: JSONValue], identity: ProvidedIdentity, context: CommandContext
    ) async throws -> UserRecord {
        let defaults = try await defaults(product: product, context: context)
        if let userName = identity.userName {
            let existing = try await users.search(
                product: product, context: context, filter: UserFilter(userName: userName), startIndex: 1, count: 0)
            guard existing.total == 0 else { throw ServiceError.userNameTaken(product) }
        }
        return try await invitations.provision(
            product: product, fields: defaults.filling(fields, product: product), identity: identity,
            context: context)
    }

    /// Makes the provider's change of the user, which `change` reads from the user as stored
    /// (``UserDirectoryService/provisionedUpdate(id:product:context:change:)``), its ``ProvisionedChange/defaulted``
    /// fields set to the clinic's defaults; when the email changed while the invitation is pending, the invitation
    /// goes again to the new address and the old link stops working.
    package func update(
        id: String, product: Product, context: CommandContext, change: (UserRecord) throws -> ProvisionedChange
    ) async throws -> UserRecord {
        let before = try await users.user(id: id, product: product, context: context)
        var change = try change(before)
        if !change.defaulted.isEmpty {
            let values = try await defaults(product: product, context: context).filling([:], product: product)
            for field in change.defaulted { change.fields[field.rawValue] = values[field.rawValue] }
        }
        let after = try await users.provisionedUpdate(id: id, product: product, context: context, change: change)
        guard after.emailKey != before.emailKey, after.invitation?.status == .pending else { return after }
        return try await invitations.reissue(userId: id, product: product, context: context)
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
