import AvaraCore
import Foundation
import SQLKit

/// The one query behind every lookup of an account: a user with their invitation's state, password hash and clinic.
extension SQLAccountRepository {
    /// `users` joined with their invitation and clinic, with the columns ``account(from:now:)`` reads; the caller
    /// adds its `where` (and any further join and columns).
    ///
    /// ```swift
    /// let rows = try await Self.selectAccounts(in: db)
    ///     .where(SQLColumn("email_key", table: "users"), .equal, SQLBind(emailKey))
    ///     .all()
    /// ```
    static func selectAccounts(in db: any SQLDatabase) -> SQLSelectBuilder {
        db.select()
            .column(UserColumns.selected)
            .column(SQLColumn("password_hash", table: "users"))
            .column(SQLColumn("invitation_id", table: "invitations"))
            .column(SQLColumn("accepted_at", table: "invitations"))
            .invitationStateColumns()
            .column(SQLColumn("name", table: "clinics"), as: "clinic_name")
            .column(SQLColumn("created_at", table: "clinics"), as: "clinic_created_at")
            .from("users")
            .join(
                "invitations", on: SQLColumn("user_id", table: "invitations"), .equal,
                SQLColumn("user_id", table: "users")
            )
            .join(
                "clinics", on: SQLColumn("clinic_id", table: "clinics"), .equal, SQLColumn("clinic_id", table: "users")
            )
    }

    /// The account of a row of ``selectAccounts(in:)``: the user with their invitation's state at `now`, the clinic,
    /// the password hash and when the invitation was accepted.
    static func account(from row: any SQLRow, now: Date) throws -> LoginCandidate {
        var user = try UserColumns.record(from: row)
        user.invitation = try UserQueries.invitationState(in: row, now: now)
        let clinic = Clinic(
            clinicId: user.clinicId, name: try row.decode(column: "clinic_name", as: String.self),
            createdAt: Timestamp.date(try row.decode(column: "clinic_created_at", as: String.self)) ?? .distantPast
        )
        return LoginCandidate(
            user: user, clinic: clinic, passwordHash: try row.decodeIfPresent(column: "password_hash", as: String.self),
            invitationStatus: user.invitation?.status ?? .pending,
            acceptedAt: try row.decodeIfPresent(column: "accepted_at", as: String.self).flatMap(Timestamp.date)
        )
    }
}
