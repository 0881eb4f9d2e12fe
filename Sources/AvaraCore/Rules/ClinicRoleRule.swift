/// The rule for a clinic role: exactly one of the product's roles, case-sensitive.
package enum ClinicRoleRule {
    /// Every rule `role` breaks for `rules`' product, as messages; empty when it is allowed.
    ///
    /// A role that only differs in case from an allowed one gets a "did you mean" hint.
    package static func messages(for role: String, rules: ProductRules) -> [String] {
        if rules.allows(role: role) {
            return []
        }
        var message = "must be one of the \(rules.allowedRoles.count) \(rules.product.displayName) clinic roles"
        if let suggestion = rules.suggestedRole(for: role) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        return [message]
    }
}
