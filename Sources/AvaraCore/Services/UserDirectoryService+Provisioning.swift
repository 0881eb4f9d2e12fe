/// The changes only an identity provider makes (SCIM): deactivation, its own id and name of the user, their email.
extension UserDirectoryService {
    /// What an identity provider changes of a user (SCIM's `PUT` and `PATCH`) in one step: the fields as
    /// ``update(id:product:context:fields:)`` takes them, and, when given, the email, the provider's name and id of
    /// the user and whether the user is active. One `user.updated` event says what changed.
    ///
    /// The caller sends a pending invitation again when the email changed (``ProvisioningService/update(id:product:context:change:)``
    /// does).
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` listing every broken rule, in which case nothing is changed;
    ///   ``ServiceError/emailTaken(_:)`` or ``ServiceError/userNameTaken(_:)`` when another user of the product has
    ///   the new email or name; ``ServiceError/userNotFound``; ``ServiceError/forbidden(_:)`` when the actor may not
    ///   change the user.
    package func provisionedUpdate(
        id: String, product: Product, context: CommandContext, change: ProvisionedChange
    ) async throws -> UserRecord {
        var errors: [FieldError] = []
        var changes: UserChanges?
        switch UserUpdateValidator(rules: rules[product]).validate(change.fields) {
        case .success(let valid): changes = valid
        case .failure(let rejection): errors += rejection.errors
        }
        if let email = change.email {
            errors += EmailRule.messages(for: email).map { FieldError(field: InviteField.email.rawValue, message: $0) }
        }
        guard let changes, errors.isEmpty else { throw ServiceError.invalid(errors) }
        return try await self.change(id: id, product: product, context: context) { user in
            var changed = changes.applied(to: user)
            let errors = UserRules.errors(of: changed)
            guard errors.isEmpty else { throw ServiceError.invalid(errors) }
            if let email = change.email { changed.email = email }
            if let userName = change.userName { changed.providerUserName = userName }
            if let active = change.active { changed.active = active }
            if let externalId = change.externalId { changed.externalId = externalId }
            return changed
        }
    }
}
