import Foundation
import SQLKit

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
        _ change: @Sendable (UserRecord) throws -> UserRecord
    ) async throws -> UserRecord?
}

/// ``UserDirectory`` over any SQLKit backend.
package struct SQLUserDirectory: UserDirectory {
    let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func user(id: String, clinicId: String, product: Product, now: Date) async throws -> UserRecord? {
        try await store.read { db in
            guard let (found, invitation) = try await UserQueries.withInvitation(id, clinicId, product, in: db) else {
                return nil
            }
            var user = found
            user.invitation = InvitationState(stored: invitation.status, expiresAt: invitation.expiresAt, now: now)
            return user
        }
    }

    package func update(
        id: String, clinicId: String, product: Product, now: Date,
        _ change: @Sendable (UserRecord) throws -> UserRecord
    ) async throws -> UserRecord? {
        try await store.transaction { db in
            guard let (stored, invitation) = try await UserQueries.withInvitation(id, clinicId, product, locking: true, in: db) else {
                return nil
            }
            var user = try change(stored)
            try await db.update("users")
                .set("first_name", to: user.firstName).set("last_name", to: user.lastName)
                .set("middle_name", to: user.middleName).set("suffix1", to: user.suffix1).set("suffix2", to: user.suffix2)
                .set("phone_number", to: user.phoneNumber).set("clinic_role", to: user.clinicRole).set("level", to: user.level)
                .set("can_manage_studies", to: user.canManageStudies).set("has_dashboard_access", to: user.hasDashboardAccess)
                .set("can_create_reports", to: user.canCreateReports).set("npi_number", to: user.npiNumber)
                .where("user_id", .equal, id)
                .run()
            if stored.hasDashboardAccess && !user.hasDashboardAccess {
                // Without dashboard access the user cannot log in; sessions already started end too.
                try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            }
            user.invitation = InvitationState(stored: invitation.status, expiresAt: invitation.expiresAt, now: now)
            return user
        }
    }

    package func delete(id: String, clinicId: String, product: Product) async throws -> Bool {
        try await store.transaction { db in
            guard try await UserQueries.withInvitation(id, clinicId, product, locking: true, in: db) != nil else { return false }
            try await SQLInvitationRepository.cancelQueuedEmails(of: id, reason: "user removed", in: db)
            // Sent messages stay as a record of what went out, no longer tied to the user.
            try await db.update("outbox").set("user_id", to: SQLLiteral.null).where("user_id", .equal, id).run()
            try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            try await db.delete(from: "invitations").where("user_id", .equal, id).run()
            try await db.delete(from: "users").where("user_id", .equal, id).run()
            return true
        }
    }
}
