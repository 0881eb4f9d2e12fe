/// The rules of every product, looked up by product: what the services check each command against.
///
/// The clinic roles come from outside the core (the HTTP API builds them from openapi.yaml), so the spec stays
/// their single source of truth.
package struct RuleBook: Sendable {
    private let rules: [Product: ProductRules]

    /// The book of `rules`; a product given twice keeps its first rules.
    package init(_ rules: [ProductRules]) {
        self.rules = Dictionary(rules.map { ($0.product, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The rules of `product`; a product the book lacks allows no clinic role, so nothing can be invited into it.
    package subscript(product: Product) -> ProductRules {
        rules[product] ?? ProductRules(product: product, allowedRoles: [])
    }
}
