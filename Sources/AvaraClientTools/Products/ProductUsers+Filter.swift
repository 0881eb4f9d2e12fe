import Avara

extension ProductUsers {
    /// The users matching `filter`, page by page; filter values the SDK does not know are sent as they are.
    package func list(_ filter: UserListFilter) -> UserList<ProductUser<Product>> {
        list(
            limit: filter.pageSize, level: filter.level.map(UserLevel.init(rawValue:)),
            clinicRole: filter.clinicRole.map(Product.ClinicRole.init(rawValue:)),
            invitationStatus: filter.invitationStatus.map(InvitationStatus.init(rawValue:)), email: filter.email,
            q: filter.q
        )
    }
}
