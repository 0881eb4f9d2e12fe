import Foundation
import SQLKit

/// Queries of users that several repositories share.
enum UserQueries {
    /// The user (scoped to clinic and product) and the id, stored status and expiry of their invitation.
    ///
    /// - Parameter locking: Lock the rows until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's single
    ///   writer excludes others already), for a transaction that changes what it read: a concurrent accept, resend
    ///   or removal then waits instead of acting on a stale status.
    static func withInvitation(
        _ userId: String, _ clinicId: String, _ product: Product, locking: Bool = false, in db: any SQLDatabase
    ) async throws -> (UserRecord, (id: String, status: String, expiresAt: Date))? {
        var query = db.select()
            .columns(UserColumns.all.map { SQLColumn($0, table: "users") })
            .column(SQLColumn("invitation_id", table: "invitations"))
            .column(SQLColumn("status", table: "invitations"))
            .column(SQLColumn("expires_at", table: "invitations"))
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
        let user = try UserColumns.record(from: row)
        let expiresAt = Timestamp.date(try row.decode(column: "expires_at", as: String.self)) ?? .distantPast
        return (
            user,
            (try row.decode(column: "invitation_id", as: String.self), try row.decode(column: "status", as: String.self), expiresAt)
        )
    }

    /// The invitation state in a row selected with ``SQLSelectBuilder/invitationStateColumns()``, as of `now`.
    static func invitationState(in row: any SQLRow, now: Date) throws -> InvitationState {
        let expiresAt = Timestamp.date(try row.decode(column: "invitation_expires_at", as: String.self)) ?? .distantPast
        let stored = try row.decode(column: "invitation_status", as: String.self)
        return InvitationState(
            status: InvitationStatus.reported(stored: stored, expiresAt: expiresAt, now: now), expiresAt: expiresAt
        )
    }
}

extension SQLSelectBuilder {
    /// Selects the joined invitation's status and expiry for ``UserQueries/invitationState(in:now:)``.
    func invitationStateColumns() -> Self {
        column(SQLColumn("status", table: "invitations"), as: "invitation_status")
            .column(SQLColumn("expires_at", table: "invitations"), as: "invitation_expires_at")
    }
}
