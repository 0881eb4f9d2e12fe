import AvaraCore
import Foundation
import SQLKit

/// Queries of users that several repositories share.
package enum UserQueries {
    /// A user's invitation as stored: its id, stored status, expiry, last resend and email state.
    package struct StoredInvitation: Sendable {
        package var id: String
        package var status: String
        package var expiresAt: Date
        package var resentAt: Date?
        package var email: InvitationEmailState?

        /// The state the API reports at `now`.
        package func state(now: Date) -> InvitationState {
            InvitationState(stored: status, expiresAt: expiresAt, email: email, now: now)
        }
    }

    /// The user (scoped to clinic and product) and their invitation as stored.
    ///
    /// - Parameter locking: Lock the rows until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's single
    ///   writer excludes others already), for a transaction that changes what it read: a concurrent accept, resend
    ///   or removal then waits instead of acting on a stale status.
    package static func withInvitation(
        _ userId: String, _ clinicId: String, _ product: Product, locking: Bool = false, in db: any SQLDatabase
    ) async throws -> (UserRecord, StoredInvitation)? {
        var query = db.select()
            .column(UserColumns.selected)
            .column(SQLColumn("invitation_id", table: "invitations"))
            .column(SQLColumn("resent_at", table: "invitations"))
            .invitationStateColumns()
            .from("users")
            .join(
                "invitations", on: SQLColumn("user_id", table: "invitations"), .equal,
                SQLColumn("user_id", table: "users")
            )
            .where(SQLColumn("user_id", table: "users"), .equal, SQLBind(userId))
            .where(SQLColumn("clinic_id", table: "users"), .equal, SQLBind(clinicId))
            .where(SQLColumn("product", table: "users"), .equal, SQLBind(product.rawValue))
            .orderBy(
                SQLOrderBy(
                    expression: SQLColumn("created_at", table: "invitations"), direction: SQLDirection.descending))
        if locking {
            query = query.for(.update)
        }
        guard let row = try await query.first() else { return nil }
        return (
            try UserColumns.record(from: row),
            StoredInvitation(
                id: try row.decode(column: "invitation_id", as: String.self),
                status: try row.decode(column: "invitation_status", as: String.self),
                expiresAt: try expiry(in: row),
                resentAt: try row.decodeIfPresent(column: "resent_at", as: String.self).flatMap(Timestamp.date),
                email: try emailState(in: row)
            )
        )
    }

    /// The invitation state in a row selected with ``SQLSelectBuilder/invitationStateColumns()``, as of `now`.
    package static func invitationState(in row: any SQLRow, now: Date) throws -> InvitationState {
        InvitationState(
            stored: try row.decode(column: "invitation_status", as: String.self), expiresAt: try expiry(in: row),
            email: try emailState(in: row), now: now
        )
    }

    private static func expiry(in row: any SQLRow) throws -> Date {
        Timestamp.date(try row.decode(column: "invitation_expires_at", as: String.self)) ?? .distantPast
    }

    private static func emailState(in row: any SQLRow) throws -> InvitationEmailState? {
        guard
            let status = try row.decodeIfPresent(column: "invitation_email_status", as: String.self)
                .flatMap(InvitationEmailState.Status.init(rawValue:))
        else { return nil }
        let reason =
            status == .failed ? try row.decodeIfPresent(column: "invitation_email_error", as: String.self) : nil
        return InvitationEmailState(status: status, reason: reason)
    }
}

extension SQLSelectBuilder {
    /// Selects the joined invitation's status, expiry and email state for ``UserQueries/invitationState(in:now:)``.
    package func invitationStateColumns() -> Self {
        column(Self.invitationState)
    }

    /// The invitation's state columns, aliased, written once (as ``UserColumns/selected``).
    private static let invitationState = SQLRaw(
        [
            ("status", "invitation_status"), ("expires_at", "invitation_expires_at"),
            ("email_status", "invitation_email_status"), ("email_error", "invitation_email_error"),
        ]
        .map { #""invitations"."\#($0.0)" AS "\#($0.1)""# }.joined(separator: ", "))
}
