import Foundation

/// Reading and removing a clinic's users, always within one clinic and product.
package protocol UserDirectory: Sendable {
    /// The user with their invitation as of `now`, or `nil` when the clinic has no such user in `product`.
    func user(id: String, clinicId: String, product: Product, now: Date) async throws -> UserRecord?

    /// Removes the user, their invitation and sessions, and cancels their unsent email, in one transaction.
    ///
    /// - Returns: `false` when the clinic has no such user in `product`.
    func delete(id: String, clinicId: String, product: Product) async throws -> Bool

    /// Replaces the user's editable fields with those `change` makes of the stored user, in one transaction; an
    /// error `change` throws leaves the user as it was. The id, clinic, product, email, source and timestamps stay.
    /// Taking dashboard access away ends the user's sessions.
    ///
    /// - Returns: The user as stored afterwards, with their invitation as of `now`; `nil` when the clinic has no
    ///   such user in `product`.
    func update(
        id: String, clinicId: String, product: Product, now: Date,
        _ change: @escaping @Sendable (UserRecord) throws -> UserRecord
    ) async throws -> UserRecord?

    /// Up to `limit` users of the clinic's product after `cursor`, in (createdAt, userId) order, and whether more
    /// follow.
    func page(
        clinicId: String, product: Product, filter: UserFilter, after cursor: UserCursor?, limit: Int, now: Date
    ) async throws -> (users: [UserRecord], hasMore: Bool, last: UserCursor?)
}
