import AvaraCore
import Foundation
import SQLKit

/// Queries of users that several repositories share.
package enum UserQueries {
    /// The user (scoped to clinic and product) and the id, stored status and expiry of their invitation.
    ///
    /// - Parameter locking: Lock the rows until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's single
    ///   writer excludes others already), for a transaction that changes what it read: a concurrent accept, resend
    ///   or removal then waits instead of acting on a stale status.
    package static func withInvitation(
        _ userId: String, _ clinicId: String, _ product: Product, locking: Bool = false, in db: any SQLDatabase
    ) async throws -> (UserRecord, (id: String, status: String, expiresAt: Date, resentAt: Date?))? {
        var query = db.select()
            .columns(UserColumns.all.map { SQLColumn($0, table: "users") })
            .column(SQLColumn("invitation_id", table: "invitations"))
            .column(SQLColumn("resent_at", table: "invitations"))
            .invitationStateColumns()
            .from("users")
            .join("invitations", on: SQLColumn("user_id", table: "invitations"), .equal, SQLColumn("user_id", table: "users"))
            .where(SQLColumn("user_id", table: "users"), .equal, SQLBind(userId))
            .where(SQLColumn("clinic_id", table: "users"), .equal, SQLBind(clinicId))
            .where(SQLColumn("product", table: "users"), .equal, SQLBind(product.rawValue))
            .orderBy(SQLOrderBy(expression: SQLColumn("created_at", table: "invitations"), direction: SQLDirection.descending))
        if locking {
            query = query.for(.update)
        }
        guard let row = try await query.first() else { return nil }
        let stored = try storedInvitation(in: row)
        return (
            try UserColumns.record(from: row),
            (
                try row.decode(column: "invitation_id", as: String.self), stored.status, stored.expiresAt,
                try row.decode(column: "resent_at", as: String?.self).flatMap(Timestamp.date)
            )
        )
    }

    /// The invitation state in a row selected with ``SQLSelectBuilder/invitationStateColumns()``, as of `now`.
    package static func invitationState(in row: any SQLRow, now: Date) throws -> InvitationState {
        let stored = try storedInvitation(in: row)
        return InvitationState(stored: stored.status, expiresAt: stored.expiresAt, now: now)
    }

    /// The stored status and expiry in a row selected with ``SQLSelectBuilder/invitationStateColumns()``.
    private static func storedInvitation(in row: any SQLRow) throws -> (status: String, expiresAt: Date) {
        (
            try row.decode(column: "invitation_status", as: String.self),
            Timestamp.date(try row.decode(column: "invitation_expires_at", as: String.self)) ?? .distantPast
        )
    }
}

extension SQLSelectBuilder {
    /// Selects the joined invitation's status and expiry for ``UserQueries/invitationState(in:now:)``.
    package func invitationStateColumns() -> Self {
        column(SQLColumn("status", table: "invitations"), as: "invitation_status")
            .column(SQLColumn("expires_at", table: "invitations"), as: "invitation_expires_at")
    }
}
