import Foundation

/// A user of a product, as the API reports it: ``Viewer/User`` or ``AutoScribe/User``.
///
/// A user is the ``profile`` they were invited with, as changed since, and what the service keeps: the id, the
/// times, the invitation's state. The profile's fields read as the user's own:
///
/// ```swift
/// let user = try await client.autoScribe.users.retrieve(userId: id)
/// print(user.email, user.canCreateReports, user.invitationStatus ?? .pending)
/// ```
///
/// `print(user)` shows it as JSON.
@dynamicMemberLookup
public struct ProductUser<Product: AvaraProduct>: Equatable, Sendable, CustomStringConvertible {
    /// The fields an invite sets and an update changes: names, email, role, level, permissions and, in AutoScribe,
    /// the report writer's.
    public var profile: UserInviteParams<Product>
    /// `false` while the clinic's identity provider has the user deactivated (through SCIM): kept and listed, but
    /// unable to sign in or accept the invitation; `true` otherwise, and from servers that do not say.
    public var active: Bool
    /// When the user was created.
    public var createdAt: Date?
    /// What became of the email with the current invitation link; `nil` from servers that do not say.
    public var invitationEmail: InvitationEmail?
    /// When the current invitation link stops working.
    public var invitationExpiresAt: Date?
    /// Whether the invitation is pending, accepted, expired or revoked.
    public var invitationStatus: InvitationStatus?
    /// `api` for users invited through the API.
    public var invitedSource: InvitedSource
    /// When the user last logged in; `nil` until the first login.
    public var lastLoginAt: Date?
    /// `usr_` followed by 32 lowercase hexadecimal characters.
    public var userId: String

    /// A user as the API reports it; tests and previews make their own.
    public init(
        profile: UserInviteParams<Product>, active: Bool = true, createdAt: Date?,
        invitationEmail: InvitationEmail? = nil, invitationExpiresAt: Date? = nil,
        invitationStatus: InvitationStatus? = nil, invitedSource: InvitedSource, lastLoginAt: Date?, userId: String
    ) {
        self.profile = profile
        self.active = active
        self.createdAt = createdAt
        self.invitationEmail = invitationEmail
        self.invitationExpiresAt = invitationExpiresAt
        self.invitationStatus = invitationStatus
        self.invitedSource = invitedSource
        self.lastLoginAt = lastLoginAt
        self.userId = userId
    }

    /// A field of the user's ``profile``: `user.email` is `user.profile.email`.
    public subscript<Value>(dynamicMember field: WritableKeyPath<UserInviteParams<Product>, Value>) -> Value {
        get { profile[keyPath: field] }
        set { profile[keyPath: field] = newValue }
    }

    /// The user as indented JSON with sorted keys.
    public var description: String { WireFormat.prettyDescription(of: self) }
}
