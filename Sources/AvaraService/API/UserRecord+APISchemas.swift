import AvaraCore

/// Conversions from the core's records to the generated API types, which stop in this layer.
extension Components.Schemas.ViewerUserInviteResponse {
    init(_ user: UserRecord) {
        self.init(
            active: user.active,
            canManageStudies: user.canManageStudies,
            clinicRole: .init(rawValue: user.clinicRole) ?? .other,
            createdAt: .init(user.createdAt),
            email: user.email,
            firstName: user.firstName,
            hasDashboardAccess: user.hasDashboardAccess,
            invitationEmail: user.invitation?.email.map(Components.Schemas.InvitationEmail.init),
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
            active: user.active,
            canCreateReports: user.canCreateReports ?? false,
            canManageStudies: user.canManageStudies,
            clinicRole: .init(rawValue: user.clinicRole) ?? .other,
            createdAt: .init(user.createdAt),
            email: user.email,
            firstName: user.firstName,
            hasDashboardAccess: user.hasDashboardAccess,
            invitationEmail: user.invitation?.email.map(Components.Schemas.InvitationEmail.init),
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

extension Components.Schemas.InvitationEmail {
    init(_ email: InvitationEmailState) {
        self.init(status: .init(rawValue: email.status.rawValue) ?? .queued, reason: email.reason)
    }
}
