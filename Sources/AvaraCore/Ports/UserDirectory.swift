import Foundation

/// Reading and removing a clinic's users, always within one clinic and product.
package protocol UserDirectory: Sendable {
    /// The user with their invitation as of `now`, or `nil` when the clinic has no such user in `product`.
    func user(id: String, clinicId: String, product: Product, now: Date) async throws -> UserRecord?

    /// Removes the user, their invitation and sessions, and cancels their unsent email, in one transaction with
    /// `audit`'s event (made from the user as they were at `now`, before and after alike), once `audit` passed the
    /// user.
    ///
    /// - Returns: `false` when the clinic has no such user in `product`.
    func delete(
        id: String, clinicId: String, product: Product, now: Date, audit: AuditedChange<UserRecord>
    ) async throws -> Bool

    /// Replaces the user's editable fields with those `change` makes of the stored user, in one transaction; an
    /// error `change` throws leaves the user as it was. The id, clinic, product, email, source and timestamps stay.
    /// Taking dashboard access away ends the user's sessions. `audit` checks the stored user first, and its event is
    /// written with the change.
    ///
    /// - Returns: The user as stored afterwards, with their invitation as of `now`; `nil` when the clinic has no
    ///   such user in `product`.
    func update(
        id: String, clinicId: String, product: Product, now: Date, audit: AuditedChange<UserRecord>,
        _ change: @escaping @Sendable (UserRecord) throws -> UserRecord
    ) async throws -> UserRecord?

    /// Up to `limit` users of the clinic's product after `cursor`, in (createdAt, userId) order (the oldest first, or
    /// the newest), and whether more follow.
    func page(
        clinicId: String, product: Product, filter: UserFilter, order: ListOrder, after cursor: UserCursor?,
        limit: Int, now: Date
    ) async throws -> (users: [UserRecord], hasMore: Bool, last: UserCursor?)

    /// ``page(clinicId:product:filter:order:after:limit:now:)`` reading only what a list shows of each user.
    func summaries(
        clinicId: String, product: Product, filter: UserFilter, order: ListOrder, after cursor: UserCursor?,
        limit: Int, now: Date
    ) async throws -> (users: [UserSummary], hasMore: Bool, last: UserCursor?)

    /// The users `offset ..< offset + limit` of those `filter` keeps in the clinic's product, oldest first, and how
    /// many it keeps in all.
    func search(
        clinicId: String, product: Product, filter: UserFilter, offset: Int, limit: Int, now: Date
    ) async throws -> (users: [UserRecord], total: Int)
}
