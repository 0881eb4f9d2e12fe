import AvaraCore
import Foundation
import SQLKit

extension SQLUserDirectory {
    /// The users `offset ..< offset + limit` of those `filter` keeps, oldest first (createdAt, then userId), and how
    /// many it keeps in all: SCIM's `startIndex` and `count` paging, whose filters are exact (an email, an
    /// `externalId`, an id) and so read few rows.
    package func search(
        clinicId: String, product: Product, filter: UserFilter, offset: Int, limit: Int, now: Date
    ) async throws -> (users: [UserRecord], total: Int) {
        try await store.read { db in
            let counting = Self.selecting(clinicId: clinicId, product: product, filter: filter, now: now, in: db)
            counting.select.columns = [SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]
            let total = try await counting.first(decodingColumn: "n", as: Int.self) ?? 0
            guard limit > 0, offset < total else { return ([], total) }
            let rows = try await Self.selecting(clinicId: clinicId, product: product, filter: filter, now: now, in: db)
                .orderBy(SQLColumn("created_at", table: "users"), SQLDirection.ascending)
                .orderBy(SQLColumn("user_id", table: "users"), SQLDirection.ascending)
                .limit(limit).offset(offset)
                .all()
            let users = try rows.map { row in
                var user = try UserColumns.record(from: row)
                user.invitation = try UserQueries.invitationState(in: row, now: now)
                return user
            }
            return (users, total)
        }
    }
}
