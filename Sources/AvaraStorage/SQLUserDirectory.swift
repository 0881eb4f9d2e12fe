import AvaraCore
import Foundation
import SQLKit

/// ``UserDirectory`` over any SQLKit backend.
package struct SQLUserDirectory: UserDirectory {
    package let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func user(id: String, clinicId: String, product: Product, now: Date) async throws -> UserRecord? {
        try await store.read { db in
            guard let (found, invitation) = try await UserQueries.withInvitation(id, clinicId, product, in: db) else {
                return nil
            }
            var user = found
            user.invitation = invitation.state(now: now)
            return user
        }
    }

    package func update(
        id: String, clinicId: String, product: Product, now: Date, audit: AuditedChange<UserRecord>,
        _ change: @escaping @Sendable (UserRecord) throws -> UserRecord
    ) async throws -> UserRecord? {
        try await store.transaction { db in
            guard
                let (stored, invitation) = try await UserQueries.withInvitation(
                    id, clinicId, product, locking: true, in: db)
            else {
                return nil
            }
            var before = stored
            before.invitation = invitation.state(now: now)
            try audit.check(before)
            var user = try change(stored)
            try await Self.keepAnOwner(leaving: before, to: user, in: db)
            try await Self.keepUnique(user, changedFrom: stored, in: db)
            try await db.update("users")
                .set("email", to: user.email).set("email_key", to: user.emailKey)
                .set("provider_user_name", to: user.providerUserName)
                .set("provider_user_name_key", to: user.providerUserNameKey)
                .set("first_name", to: user.firstName).set("last_name", to: user.lastName)
                .set("first_name_key", to: UserRecord.searchKey(user.firstName))
                .set("last_name_key", to: UserRecord.searchKey(user.lastName))
                .set("middle_name", to: user.middleName).set("suffix1", to: user.suffix1).set(
                    "suffix2", to: user.suffix2
                )
                .set("phone_number", to: user.phoneNumber).set("clinic_role", to: user.clinicRole).set(
                    "level", to: user.level
                )
                .set("can_manage_studies", to: user.canManageStudies).set(
                    "has_dashboard_access", to: user.hasDashboardAccess
                )
                .set("can_create_reports", to: user.canCreateReports).set("npi_number", to: user.npiNumber)
                .set("active", to: user.active).set("external_id", to: user.externalId)
                .where("user_id", .equal, id)
                .run()
            if (stored.hasDashboardAccess && !user.hasDashboardAccess) || (stored.active && !user.active) {
                // Without dashboard access, or deactivated, the user cannot log in; sessions already started end too.
                try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            }
            user.invitation = before.invitation
            try await EventTable.append(audit.event(before, user), in: db)
            return user
        }
    }

    package func delete(
        id: String, clinicId: String, product: Product, now: Date, audit: AuditedChange<UserRecord>
    ) async throws -> Bool {
        try await store.transaction { db in
            guard
                let (stored, invitation) = try await UserQueries.withInvitation(
                    id, clinicId, product, locking: true, in: db)
            else {
                return false
            }
            var user = stored
            user.invitation = invitation.state(now: now)
            try audit.check(user)
            try await Self.keepAnOwner(leaving: user, to: nil, in: db)
            try await EventTable.append(audit.event(user, user), in: db)
            try await SQLInvitationRepository.cancelQueuedEmails(of: id, reason: "user removed", in: db)
            // Sent messages stay as a record of what went out, no longer tied to the user.
            try await db.update("outbox").set("user_id", to: SQLLiteral.null).where("user_id", .equal, id).run()
            try await db.delete(from: "sessions").where("user_id", .equal, id).run()
            // A key that invited, resent or revoked this user would replay an answer about nobody.
            try await IdempotencyTable.forget(subjectId: id, clinicId: clinicId, in: db)
            try await db.delete(from: "invitations").where("user_id", .equal, id).run()
            try await db.delete(from: "users").where("user_id", .equal, id).run()
            return true
        }
    }

    /// Refuses a new email or provider's name that another user of the product has (the unique indexes would
    /// refuse it too, with an error the service could not tell from a failure). A user without a name of the
    /// provider goes by their email.
    ///
    /// - Throws: ``ServiceError/emailTaken(_:)``, ``ServiceError/userNameTaken(_:)``.
    private static func keepUnique(
        _ user: UserRecord, changedFrom stored: UserRecord, in db: any SQLDatabase
    )
        async throws
    {
        func taken(_ column: String, _ key: String) async throws -> Bool {
            try await db.select().column("user_id").from("users")
                .where("clinic_id", .equal, user.clinicId).where("product", .equal, user.product.rawValue)
                .where(column, .equal, key).where("user_id", .notEqual, user.userId)
                .limit(1).first() != nil
        }
        if user.emailKey != stored.emailKey, try await taken("email_key", user.emailKey) {
            throw ServiceError.emailTaken(user.product)
        }
        if let key = user.providerUserNameKey, key != stored.providerUserNameKey,
            try await taken("provider_user_name_key", key)
        {
            throw ServiceError.userNameTaken(user.product)
        }
    }

    /// Refuses a change that leaves the product of `before`'s clinic without an owner: `before`, an owner, demoted
    /// (`after` of another level) or removed (`after` is `nil`) while no other owner of the product is left. The
    /// clinic's row is locked first (`FOR UPDATE` on PostgreSQL; SQLite has one writer), so that two owners demoting
    /// each other at once cannot both succeed.
    ///
    /// - Throws: ``ServiceError/lastOwner(_:)``.
    private static func keepAnOwner(
        leaving before: UserRecord, to after: UserRecord?, in db: any SQLDatabase
    )
        async throws
    {
        guard before.level == Permissions.ownerLevel, after?.level != Permissions.ownerLevel else { return }
        _ = try await db.select().column("clinic_id").from("clinics").where("clinic_id", .equal, before.clinicId)
            .for(.update).first()
        let others = try await db.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("users")
            .where("clinic_id", .equal, before.clinicId)
            .where("product", .equal, before.product.rawValue)
            .where("level", .equal, Permissions.ownerLevel)
            .where("user_id", .notEqual, before.userId)
            .first()
        guard try others?.decode(column: "n", as: Int.self) ?? 0 > 0 else {
            throw ServiceError.lastOwner(before.product)
        }
    }
}
