import AvaraCore
import Foundation
import SQLKit

/// The mapping between ``UserRecord`` and the `users` table.
package enum UserColumns {
    /// The columns a ``UserRecord`` is read from.
    package static let all = [
        "user_id", "clinic_id", "product", "email", "email_key", "first_name", "last_name", "middle_name",
        "suffix1", "suffix2", "phone_number", "clinic_role", "level", "can_manage_studies", "has_dashboard_access",
        "can_create_reports", "npi_number", "invited_source", "created_at", "last_login_at", "active", "external_id",
        "provider_user_name",
    ]

    /// ``all``, each qualified by its table (`"users"."user_id", …`): the select list of every query of users, its
    /// SQL written once. SQLKit would quote each identifier again on every query, which cost a PostgreSQL page of
    /// users more CPU than the rest of its SQL text (the identifiers are constants, quoted alike by both dialects).
    package static let selected = SQLRaw(all.map { #""users"."\#($0)""# }.joined(separator: ", "))

    /// The columns a list of users shows (``UserSummary``), with `created_at` for its cursor, qualified and written
    /// once as ``selected``.
    package static let summarized = SQLRaw(
        [
            "user_id", "email", "first_name", "middle_name", "last_name", "suffix1", "suffix2", "clinic_role", "level",
            "last_login_at", "active", "created_at",
        ].map { #""users"."\#($0)""# }.joined(separator: ", "))

    /// The columns an invite writes: ``all``, the names folded for `?q=` (``UserRecord/searchKey(_:)``) and the
    /// provider's name lowercased, which only filters read, in SQL.
    package static let written = all + ["first_name_key", "last_name_key", "provider_user_name_key"]

    /// The values of `user`, in the order of ``written``.
    package static func values(of user: UserRecord) -> [any Encodable & Sendable] {
        [
            user.userId, user.clinicId, user.product.rawValue, user.email, user.emailKey, user.firstName,
            user.lastName, user.middleName, user.suffix1, user.suffix2, user.phoneNumber, user.clinicRole,
            user.level, user.canManageStudies, user.hasDashboardAccess, user.canCreateReports, user.npiNumber,
            user.invitedSource, Timestamp.string(user.createdAt), user.lastLoginAt.map(Timestamp.string),
            user.active, user.externalId, user.providerUserName, UserRecord.searchKey(user.firstName),
            UserRecord.searchKey(user.lastName), user.providerUserNameKey,
        ]
    }

    /// Reads a row selected with ``all``.
    package static func record(from row: any SQLRow) throws -> UserRecord {
        let productName = try row.decode(column: "product", as: String.self)
        guard let product = Product(rawValue: productName) else {
            throw StorageError.corruptRow(table: "users", column: "product")
        }
        return UserRecord(
            userId: try row.decode(column: "user_id", as: String.self),
            clinicId: try row.decode(column: "clinic_id", as: String.self),
            product: product,
            email: try row.decode(column: "email", as: String.self),
            firstName: try row.decode(column: "first_name", as: String.self),
            lastName: try row.decode(column: "last_name", as: String.self),
            middleName: try row.decodeIfPresent(column: "middle_name", as: String.self),
            suffix1: try row.decodeIfPresent(column: "suffix1", as: String.self),
            suffix2: try row.decodeIfPresent(column: "suffix2", as: String.self),
            phoneNumber: try row.decodeIfPresent(column: "phone_number", as: String.self),
            clinicRole: try row.decode(column: "clinic_role", as: String.self),
            level: try row.decode(column: "level", as: String.self),
            canManageStudies: try row.decode(column: "can_manage_studies", as: Bool.self),
            hasDashboardAccess: try row.decode(column: "has_dashboard_access", as: Bool.self),
            canCreateReports: try row.decodeIfPresent(column: "can_create_reports", as: Bool.self),
            npiNumber: try row.decodeIfPresent(column: "npi_number", as: String.self),
            invitedSource: try row.decode(column: "invited_source", as: String.self),
            createdAt: try timestamp(row, "created_at"),
            lastLoginAt: try row.decodeIfPresent(column: "last_login_at", as: String.self).map {
                try parse($0, "last_login_at")
            },
            active: try row.decode(column: "active", as: Bool.self),
            externalId: try row.decodeIfPresent(column: "external_id", as: String.self),
            providerUserName: try row.decodeIfPresent(column: "provider_user_name", as: String.self)
        )
    }

    /// Reads a row selected with ``summarized``, with the user's `invitation`.
    package static func summary(from row: any SQLRow, invitation: InvitationState) throws -> UserSummary {
        UserSummary(
            userId: try row.decode(column: "user_id", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            firstName: try row.decode(column: "first_name", as: String.self),
            middleName: try row.decodeIfPresent(column: "middle_name", as: String.self),
            lastName: try row.decode(column: "last_name", as: String.self),
            suffix1: try row.decodeIfPresent(column: "suffix1", as: String.self),
            suffix2: try row.decodeIfPresent(column: "suffix2", as: String.self),
            clinicRole: try row.decode(column: "clinic_role", as: String.self),
            level: try row.decode(column: "level", as: String.self),
            lastLoginAt: try row.decodeIfPresent(column: "last_login_at", as: String.self).map {
                try parse($0, "last_login_at")
            },
            active: try row.decode(column: "active", as: Bool.self),
            invitation: invitation
        )
    }

    private static func timestamp(_ row: any SQLRow, _ column: String) throws -> Date {
        try parse(try row.decode(column: column, as: String.self), column)
    }

    private static func parse(_ text: String, _ column: String) throws -> Date {
        guard let date = Timestamp.date(text) else { throw StorageError.corruptRow(table: "users", column: column) }
        return date
    }
}

/// A row the service cannot read back: a sign of a damaged or hand-edited database.
package enum StorageError: Error, Equatable {
    case corruptRow(table: String, column: String)
}
