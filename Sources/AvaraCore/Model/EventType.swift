/// The kinds of ``DomainEvent``, by the names the API, the audit log and webhooks give them.
package enum EventType: String, Sendable, Equatable, CaseIterable, Codable {
    case userInvited = "user.invited"
    /// With the changed fields' previous values.
    case userUpdated = "user.updated"
    case userDeleted = "user.deleted"
    case userLoggedIn = "user.logged_in"
    case invitationResent = "invitation.resent"
    case invitationRevoked = "invitation.revoked"
    case invitationAccepted = "invitation.accepted"
    case invitationExpired = "invitation.expired"
    case invitationEmailSent = "invitation.email_sent"
    case invitationEmailFailed = "invitation.email_failed"
    case apiKeyCreated = "api_key.created"
    case apiKeyRevoked = "api_key.revoked"
    case webhookEndpointCreated = "webhook_endpoint.created"
    case webhookEndpointUpdated = "webhook_endpoint.updated"
    case webhookEndpointDeleted = "webhook_endpoint.deleted"
    case webhookEndpointDisabled = "webhook_endpoint.disabled"
}
