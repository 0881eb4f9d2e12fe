import AvaraCore
import HTTPTypes

/// The one place where the core's errors become HTTP problems.
extension APIError {
    /// The problem that answers `error`.
    package init(_ error: ServiceError) {
        switch error {
        case .invalid(let errors):
            self = .validation(errors)
        case .malformed(let errors):
            self = .malformedRequest(errors)
        case .userNotFound:
            self = .userNotFound()
        case .forbidden(let reason):
            self = .forbidden(reason)
        case .webhookEndpointNotFound:
            self = .webhookEndpointNotFound()
        case .eventNotFound:
            self = .eventNotFound()
        case .webhooksNotConfigured:
            self = .webhooksNotConfigured()
        case .apiKeyLimitReached(let limit):
            self = .apiKeyLimitReached(limit: limit)
        case .apiKeyNotFound:
            self = .apiKeyNotFound()
        case .emailTaken(let product), .userNameTaken(let product):
            // Only SCIM sets a provider's name (`userNameTaken`); the API's users go by their email.
            self = .emailTaken(product: product)
        case .lastOwner(let product):
            self = .lastOwner(product: product)
        case .invitationAccepted:
            self = .invitationAccepted()
        case .loginFailed:
            self = .loginFailed()
        case .tooManyLogins(let retryAfter):
            self = .tooManyLogins(retryAfter: retryAfter)
        case .idempotencyKeyTaken:
            self = .idempotencyKeyInProgress()
        case .resendTooSoon(let retryAfter):
            self = .resendTooSoon(retryAfter: retryAfter)
        case .busy(let retryAfter):
            self = .busy(retryAfter: retryAfter)
        case .databaseUnavailable(let retryAfter):
            self = .databaseUnavailable(retryAfter: retryAfter)
        case .storageFull(let retryAfter):
            self = .storageFull(retryAfter: retryAfter)
        }
    }
}
