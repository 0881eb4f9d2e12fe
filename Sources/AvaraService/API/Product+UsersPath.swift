import AvaraCore

extension Product {
    /// The product's users in the API, e.g. `/v1/viewer/users`: the one place that spells it.
    package var usersPath: String { "/v1/\(pathComponent)/users" }
}

extension UserRecord {
    /// The user's path in the API, e.g. `/v1/viewer/users/usr_…`.
    var location: String {
        "\(product.usersPath)/\(userId)"
    }
}
