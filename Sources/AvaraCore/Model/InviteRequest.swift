import Foundation

/// A validated invite, in either product, before the service gives it an id.
package struct InviteRequest: Sendable, Equatable {
    package var product: Product
    package var email: String
    package var firstName: String
    package var lastName: String
    package var middleName: String?
    package var suffix1: String?
    package var suffix2: String?
    package var phoneNumber: String?
    package var clinicRole: String
    package var level: String
    package var canManageStudies: Bool
    package var hasDashboardAccess: Bool
    /// AutoScribe only.
    package var canCreateReports: Bool?
    /// AutoScribe only.
    package var npiNumber: String?
}

extension UserRecord {
    /// A new user of `clinicId` from `request`, invited by way of `invitedSource` (`api` or `dashboard`).
    package init(_ request: InviteRequest, userId: String, clinicId: String, invitedSource: String, createdAt: Date) {
        self.init(
            userId: userId, clinicId: clinicId, product: request.product, email: request.email,
            firstName: request.firstName, lastName: request.lastName, middleName: request.middleName,
            suffix1: request.suffix1, suffix2: request.suffix2, phoneNumber: request.phoneNumber,
            clinicRole: request.clinicRole, level: request.level, canManageStudies: request.canManageStudies,
            hasDashboardAccess: request.hasDashboardAccess, canCreateReports: request.canCreateReports,
            npiNumber: request.npiNumber, invitedSource: invitedSource, createdAt: createdAt, lastLoginAt: nil
        )
    }
}
