/// One product's operations, as ``AvaraClient/viewer`` and ``AvaraClient/autoScribe`` offer them.
public struct ProductAPI<Product: AvaraProduct>: Sendable {
    /// The clinic's users of the product.
    public let users: ProductUsers<Product>

    init(requester: Requester) {
        users = ProductUsers(requester: requester)
    }
}
