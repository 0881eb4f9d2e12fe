/// Who may do what to a clinic's users: the domain's permission checks, made once here for every surface.
///
/// - An API key (the REST API, SCIM) and the operator's CLI manage every user of the clinic but its owners, who
///   are managed in the dashboard only.
/// - A signed-in user acts in the product they signed in to: an owner on everyone there, an admin on everyone but
///   owners, a member on nobody (a member only reads their own profile).
/// - The service's own work is not checked.
package enum Permissions {
    /// The level of a clinic's top users, per product: set in the dashboard only.
    package static let ownerLevel = "owner"
    /// The level of users who manage a product's users in the dashboard.
    package static let adminLevel = "admin"

    /// Checks that `context`'s actor may change, remove, resend or revoke the invitation of `target`.
    ///
    /// - Throws: ``ServiceError/forbidden(_:)`` saying why not.
    package static func checkManage(_ target: UserRecord, in context: CommandContext) throws {
        switch context.actor {
        case .system:
            return
        case .apiKey, .cli:
            if target.level == ownerLevel {
                throw ServiceError.forbidden("An owner can only be changed or removed in the dashboard, by an owner.")
            }
        case .user(let id, let product, let level):
            guard product == target.product else {
                throw ServiceError.forbidden("You are signed in to another product than this user's.")
            }
            switch level {
            case ownerLevel:
                return
            case adminLevel where target.level != ownerLevel:
                return
            case adminLevel:
                throw ServiceError.forbidden("Only an owner can change or remove an owner.")
            default:
                throw ServiceError.forbidden(
                    id == target.userId
                        ? "Your profile's fields are managed by your clinic's admins."
                        : "Only admins and owners can manage users."
                )
            }
        }
    }

    /// Checks that `context`'s actor may read `target` (every user for keys, the CLI, owners and admins of the
    /// product; a member only themself).
    ///
    /// - Throws: ``ServiceError/userNotFound`` for a user the actor may not see, so that it learns nothing of them.
    package static func checkRead(_ target: UserRecord, in context: CommandContext) throws {
        guard case .user(let id, let product, let level) = context.actor else { return }
        guard product == target.product, level == ownerLevel || level == adminLevel || id == target.userId else {
            throw ServiceError.userNotFound
        }
    }

    /// Checks that `context`'s actor may manage the clinic's own settings (its webhook endpoints): keys, the CLI,
    /// and owners.
    ///
    /// - Throws: ``ServiceError/forbidden(_:)``.
    package static func checkClinicSettings(in context: CommandContext) throws {
        guard case .user(_, _, let level) = context.actor, level != ownerLevel else { return }
        throw ServiceError.forbidden("Only the clinic's owners can manage its webhooks.")
    }

    /// Checks that `context`'s actor may list the users of `product` and invite into it.
    ///
    /// - Throws: ``ServiceError/forbidden(_:)``.
    package static func checkAdministers(_ product: Product, in context: CommandContext) throws {
        guard case .user(_, let signedInProduct, let level) = context.actor else { return }
        guard signedInProduct == product, level == ownerLevel || level == adminLevel else {
            throw ServiceError.forbidden("Only admins and owners of this product can list and invite its users.")
        }
    }

    /// Checks that `context`'s actor may make someone an owner of `product`: the operator's CLI, or an owner of the
    /// product in the dashboard.
    ///
    /// - Throws: ``ServiceError/forbidden(_:)``.
    package static func checkAppointsOwners(_ product: Product, in context: CommandContext) throws {
        switch context.actor {
        case .cli, .system:
            return
        case .user(_, let signedInProduct, let level) where signedInProduct == product && level == ownerLevel:
            return
        case .apiKey, .user:
            throw ServiceError.forbidden("Only an owner can make someone an owner, in the dashboard.")
        }
    }
}
