// The values of openapi.yaml's #/components/schemas/EventType, written in the shape scripts/generate-sdk-enums
// gives the SDK's enums; add ("EventType", None, "WebhookEventType", "WebhookEventType.swift", ...) to its ENUMS to
// generate it from the spec instead.

/// What a ``WebhookEvent`` is about: `user.invited`, `invitation.accepted`, `api_key.revoked` and so on.
///
/// 16 known values. A value added to the API after this version of the SDK decodes as
/// ``unknown(_:)``, keeping the raw string, so responses never fail to decode because of it.
public enum WebhookEventType: OpenEnum {
    /// `"user.invited"`
    case userInvited
    /// `"user.updated"`
    case userUpdated
    /// `"user.deleted"`
    case userDeleted
    /// `"user.logged_in"`
    case userLoggedIn
    /// `"invitation.resent"`
    case invitationResent
    /// `"invitation.revoked"`
    case invitationRevoked
    /// `"invitation.accepted"`
    case invitationAccepted
    /// `"invitation.expired"`
    case invitationExpired
    /// `"invitation.email_sent"`
    case invitationEmailSent
    /// `"invitation.email_failed"`
    case invitationEmailFailed
    /// `"api_key.created"`
    case apiKeyCreated
    /// `"api_key.revoked"`
    case apiKeyRevoked
    /// `"webhook_endpoint.created"`
    case webhookEndpointCreated
    /// `"webhook_endpoint.updated"`
    case webhookEndpointUpdated
    /// `"webhook_endpoint.deleted"`
    case webhookEndpointDeleted
    /// `"webhook_endpoint.disabled"`
    case webhookEndpointDisabled
    /// A value this version of the SDK does not know, as sent by the server.
    case unknown(String)

    /// The values this version of the SDK knows, in the order of the API reference.
    public static let allCases: [WebhookEventType] = [
        .userInvited,
        .userUpdated,
        .userDeleted,
        .userLoggedIn,
        .invitationResent,
        .invitationRevoked,
        .invitationAccepted,
        .invitationExpired,
        .invitationEmailSent,
        .invitationEmailFailed,
        .apiKeyCreated,
        .apiKeyRevoked,
        .webhookEndpointCreated,
        .webhookEndpointUpdated,
        .webhookEndpointDeleted,
        .webhookEndpointDisabled,
    ]

    /// The value for `rawValue`; ``unknown(_:)`` when it is not one of ``allCases``.
    public init(rawValue: String) {
        switch rawValue {
        case "user.invited": self = .userInvited
        case "user.updated": self = .userUpdated
        case "user.deleted": self = .userDeleted
        case "user.logged_in": self = .userLoggedIn
        case "invitation.resent": self = .invitationResent
        case "invitation.revoked": self = .invitationRevoked
        case "invitation.accepted": self = .invitationAccepted
        case "invitation.expired": self = .invitationExpired
        case "invitation.email_sent": self = .invitationEmailSent
        case "invitation.email_failed": self = .invitationEmailFailed
        case "api_key.created": self = .apiKeyCreated
        case "api_key.revoked": self = .apiKeyRevoked
        case "webhook_endpoint.created": self = .webhookEndpointCreated
        case "webhook_endpoint.updated": self = .webhookEndpointUpdated
        case "webhook_endpoint.deleted": self = .webhookEndpointDeleted
        case "webhook_endpoint.disabled": self = .webhookEndpointDisabled
        default: self = .unknown(rawValue)
        }
    }

    /// The exact string the API uses.
    public var rawValue: String {
        switch self {
        case .userInvited: "user.invited"
        case .userUpdated: "user.updated"
        case .userDeleted: "user.deleted"
        case .userLoggedIn: "user.logged_in"
        case .invitationResent: "invitation.resent"
        case .invitationRevoked: "invitation.revoked"
        case .invitationAccepted: "invitation.accepted"
        case .invitationExpired: "invitation.expired"
        case .invitationEmailSent: "invitation.email_sent"
        case .invitationEmailFailed: "invitation.email_failed"
        case .apiKeyCreated: "api_key.created"
        case .apiKeyRevoked: "api_key.revoked"
        case .webhookEndpointCreated: "webhook_endpoint.created"
        case .webhookEndpointUpdated: "webhook_endpoint.updated"
        case .webhookEndpointDeleted: "webhook_endpoint.deleted"
        case .webhookEndpointDisabled: "webhook_endpoint.disabled"
        case .unknown(let value): value
        }
    }
}
