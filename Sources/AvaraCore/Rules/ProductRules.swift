/// What an invitation body may contain for one product.
///
/// The clinic roles are injected (they come from the generated API types) rather
/// than listed here, so the spec stays their single source of truth.
package struct ProductRules: Sendable {
    /// The product these rules are for.
    package let product: Product
    /// The clinic roles the product accepts, in the spec's order, without duplicates.
    package let allowedRoles: [String]
    /// `allowedRoles` for exact, case-sensitive lookups.
    private let roleSet: Set<String>
    /// Each allowed role keyed by its lowercased form, for "did you mean" hints.
    private let rolesByLowercasedName: [String: String]

    /// Creates the rules for `product`, accepting exactly `allowedRoles`
    /// (duplicates are dropped, keeping the first occurrence).
    package init(product: Product, allowedRoles: [String]) {
        var seen = Set<String>()
        let uniqueRoles = allowedRoles.filter { seen.insert($0).inserted }
        self.product = product
        self.allowedRoles = uniqueRoles
        self.roleSet = seen
        self.rolesByLowercasedName = Dictionary(
            uniqueRoles.map { ($0.lowercased(), $0) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// Whether the product has report creation, and with it `canCreateReports` and `npiNumber`.
    package var supportsReports: Bool {
        product.takesReports
    }

    /// Whether `role` is one of the allowed roles, compared case-sensitively.
    package func allows(role: String) -> Bool {
        roleSet.contains(role)
    }

    /// The allowed role that `role` matches case-insensitively, if any.
    package func suggestedRole(for role: String) -> String? {
        rolesByLowercasedName[role.lowercased()]
    }
}
