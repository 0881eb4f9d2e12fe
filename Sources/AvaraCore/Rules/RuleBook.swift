/// The rules of every product, looked up by product: what the services check each command against, whichever surface
/// the command came in by.
///
/// ``standard`` is the book of the service, with the clinic roles of ``ClinicRoles``; tests build books of their
/// own.
package struct RuleBook: Sendable {
    /// The rules of Viewer and AutoScribe as the reference pages give them.
    package static let standard = RuleBook([
        ProductRules(product: .viewer, allowedRoles: ClinicRoles.viewer),
        ProductRules(product: .autoScribe, allowedRoles: ClinicRoles.autoScribe),
    ])

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
