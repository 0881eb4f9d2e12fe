import Foundation

/// What a page of users is filtered by.
package struct UserFilter: Sendable, Equatable {
    package var level: String?
    package var clinicRole: String?
    package var invitationStatus: InvitationState.Status?
    /// Exact email, any case.
    package var email: String?
    /// Prefix of the first name, last name or email, any case.
    package var prefix: String?
    /// The identity provider's id of the user, exactly (SCIM's `externalId`).
    package var externalId: String?
    /// The user's id, exactly.
    package var userId: String?
    /// The identity provider's name of the user (``UserRecord/providerUserName``), any case; a user without one
    /// goes by their email.
    package var userName: String?

    package init(
        level: String? = nil, clinicRole: String? = nil, invitationStatus: InvitationState.Status? = nil,
        email: String? = nil, prefix: String? = nil, externalId: String? = nil, userId: String? = nil,
        userName: String? = nil
    ) {
        self.level = level
        self.clinicRole = clinicRole
        self.invitationStatus = invitationStatus
        self.email = email
        self.prefix = prefix
        self.externalId = externalId
        self.userId = userId
        self.userName = userName
    }
}

/// A position in the stable order of users: after this creation time and id.
package struct UserCursor: Sendable, Equatable {
    package var createdAt: String
    package var userId: String

    /// The opaque form given to clients.
    package var encoded: String {
        Array("\(createdAt)|\(userId)".utf8).base64URLString
    }

    package init(createdAt: String, userId: String) {
        self.createdAt = createdAt
        self.userId = userId
    }

    /// Reads what ``encoded`` wrote; `nil` for anything else.
    package init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2, Timestamp.date(parts[0]) != nil, parts[1].hasPrefix("usr_") else { return nil }
        self.init(createdAt: parts[0], userId: parts[1])
    }
}
