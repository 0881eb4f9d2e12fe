import Foundation

/// The API's JSON of a user: the profile's fields and the user's own, side by side in one object.
extension ProductUser: Codable {
    enum CodingKeys: String, CodingKey {
        case active, createdAt, invitationEmail, invitationExpiresAt, invitationStatus, invitedSource, lastLoginAt,
            userId
    }

    /// Reads the API's JSON of a user: the profile's fields and the user's own.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            profile: try UserInviteParams(from: decoder),
            active: try container.decodeIfPresent(Bool.self, forKey: .active) ?? true,
            createdAt: try container.decodeIfPresent(Date.self, forKey: .createdAt),
            invitationEmail: try container.decodeIfPresent(InvitationEmail.self, forKey: .invitationEmail),
            invitationExpiresAt: try container.decodeIfPresent(Date.self, forKey: .invitationExpiresAt),
            invitationStatus: try container.decodeIfPresent(InvitationStatus.self, forKey: .invitationStatus),
            invitedSource: try container.decode(InvitedSource.self, forKey: .invitedSource),
            lastLoginAt: try container.decodeIfPresent(Date.self, forKey: .lastLoginAt),
            userId: try container.decode(String.self, forKey: .userId)
        )
    }

    /// Writes the user as the API does: the profile's fields and the user's own, in one object.
    public func encode(to encoder: any Encoder) throws {
        try profile.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(active, forKey: .active)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(invitationEmail, forKey: .invitationEmail)
        try container.encodeIfPresent(invitationExpiresAt, forKey: .invitationExpiresAt)
        try container.encodeIfPresent(invitationStatus, forKey: .invitationStatus)
        try container.encode(invitedSource, forKey: .invitedSource)
        try container.encodeIfPresent(lastLoginAt, forKey: .lastLoginAt)
        try container.encode(userId, forKey: .userId)
    }
}
