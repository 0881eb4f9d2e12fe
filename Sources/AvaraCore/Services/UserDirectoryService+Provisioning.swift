/// The changes only an identity provider makes (SCIM): deactivation, and its own id of the user.
extension UserDirectoryService {
    /// What an identity provider changes of a user (SCIM's `PUT` and `PATCH`) in one step: `fields` as
    /// ``update(id:product:context:fields:)`` takes them, and, when given, whether the user is active and the
    /// provider's id of the user (`.some(nil)` clears it). One `user.updated` event says what changed.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` listing every broken rule, in which case nothing is changed;
    ///   ``ServiceError/userNotFound``; ``ServiceError/forbidden(_:)`` when the actor may not change the user.
    package func provisionedUpdate(
        id: String, product: Product, context: CommandContext, fields: [String: JSONValue], active: Bool?,
        externalId: String??
    ) async throws -> UserRecord {
        let changes: UserChanges
        switch UserUpdateValidator(rules: rules[product]).validate(fields) {
        case .success(let valid): changes = valid
        case .failure(let rejection): throw ServiceError.invalid(rejection.errors)
        }
        return try await change(id: id, product: product, context: context) { user in
            var changed = changes.applied(to: user)
            let errors = UserRules.errors(of: changed)
            guard errors.isEmpty else { throw ServiceError.invalid(errors) }
            if let active { changed.active = active }
            if let externalId { changed.externalId = externalId }
            return changed
        }
    }

    /// Deactivates the user (`active: false`: kept and listed, but unable to sign in or accept their invitation,
    /// their sessions ended in the same transaction) or makes them active again, and records `user.updated` when
    /// that changed anything.
    ///
    /// - Throws: ``ServiceError/userNotFound``; ``ServiceError/forbidden(_:)`` when the actor may not change the user.
    package func setActive(
        _ active: Bool, id: String, product: Product, context: CommandContext
    ) async throws -> UserRecord {
        try await change(id: id, product: product, context: context) { user in
            var changed = user
            changed.active = active
            return changed
        }
    }
}
