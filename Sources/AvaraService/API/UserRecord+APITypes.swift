/// Conversions between the generated API types and the service's records.
extension InviteRequest {
    init(_ params: Components.Schemas.ViewerUserInviteParams) {
        self.init(
            product: .viewer, email: params.email, firstName: params.firstName, lastName: params.lastName,
            middleName: params.middleName, suffix1: params.suffix1, suffix2: params.suffix2,
            phoneNumber: params.phoneNumber, clinicRole: params.clinicRole.rawValue, level: params.level.rawValue,
            canManageStudies: params.canManageStudies, hasDashboardAccess: params.hasDashboardAccess,
            canCreateReports: nil, npiNumber: nil
        )
    }

    init(_ params: Components.Schemas.AutoScribeUserInviteParams) {
        self.init(
            product: .autoScribe, email: params.email, firstName: params.firstName, lastName: params.lastName,
            middleName: params.middleName, suffix1: params.suffix1, suffix2: params.suffix2,
            phoneNumber: params.phoneNumber, clinicRole: params.clinicRole.rawValue, level: params.level.rawValue,
            canManageStudies: params.canManageStudies, hasDashboardAccess: params.hasDashboardAccess,
            canCreateReports: params.canCreateReports, npiNumber: params.npiNumber
        )
    }
}

extension Components.Schemas.ViewerUserInviteResponse {
    init(_ user: UserRecord) {
        self.init(
            canManageStudies: user.canManageStudies,
            clinicRole: .init(rawValue: user.clinicRole) ?? .other,
            createdAt: .init(user.createdAt),
            email: user.email,
            firstName: user.firstName,
            hasDashboardAccess: user.hasDashboardAccess,
            invitationExpiresAt: user.invitation?.expiresAt ?? user.createdAt,
            invitationStatus: .init(rawValue: (user.invitation?.status ?? .pending).rawValue) ?? .pending,
            invitedSource: .init(rawValue: user.invitedSource) ?? .api,
            lastLoginAt: .init(user.lastLoginAt),
            lastName: user.lastName,
            level: .init(rawValue: user.level) ?? .member,
            middleName: user.middleName,
            phoneNumber: user.phoneNumber,
            suffix1: user.suffix1,
            suffix2: user.suffix2,
            userId: user.userId
        )
    }
}

extension Components.Schemas.AutoScribeUserInviteResponse {
    init(_ user: UserRecord) {
        self.init(
            canCreateReports: user.canCreateReports ?? false,
            canManageStudies: user.canManageStudies,
            clinicRole: .init(rawValue: user.clinicRole) ?? .other,
            createdAt: .init(user.createdAt),
            email: user.email,
            firstName: user.firstName,
            hasDashboardAccess: user.hasDashboardAccess,
            invitationExpiresAt: user.invitation?.expiresAt ?? user.createdAt,
            invitationStatus: .init(rawValue: (user.invitation?.status ?? .pending).rawValue) ?? .pending,
            invitedSource: .init(rawValue: user.invitedSource) ?? .api,
            lastLoginAt: .init(user.lastLoginAt),
            lastName: user.lastName,
            level: .init(rawValue: user.level) ?? .member,
            middleName: user.middleName,
            npiNumber: user.npiNumber,
            phoneNumber: user.phoneNumber,
            suffix1: user.suffix1,
            suffix2: user.suffix2,
            userId: user.userId
        )
    }
}

extension ProductRules {
    /// The rules of each product, with the clinic roles of the generated enums (that is, of openapi.yaml).
    static let all: [ProductRules] = [
        ProductRules(product: .viewer, allowedRoles: Components.Schemas.ViewerClinicRole.allCases.map(\.rawValue)),
        ProductRules(
            product: .autoScribe, allowedRoles: Components.Schemas.AutoScribeClinicRole.allCases.map(\.rawValue)
        ),
    ]
}
