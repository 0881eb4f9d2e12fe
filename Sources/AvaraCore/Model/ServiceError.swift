import Foundation

/// Why the core refused a command: its own errors, which every surface maps to its own answer (the HTTP API to an
/// RFC 9457 problem, in one place).
///
/// ```swift
/// do {
///     _ = try await invitations.invite(request, clinic: clinic)
/// } catch ServiceError.invalid(let errors) {
///     // every rule the request breaks, field by field
/// }
/// ```
package enum ServiceError: Error, Sendable, Equatable {
    /// The command breaks these rules (all of them, not only the first).
    case invalid([FieldError])
    /// The request cannot be read as it stands, whatever the rules: a search filter or a login email with a
    /// control character (a NUL, a line feed). Each field is named.
    case malformed([FieldError])
    /// No user with this id in this product of the clinic (whether it exists elsewhere or not).
    case userNotFound
    /// The actor may not do this (an API key changing an owner, a member managing users); the message says why.
    case forbidden(String)
    /// No API key with this id in the clinic (whether it exists elsewhere or not).
    case apiKeyNotFound
    /// No webhook endpoint with this id in the clinic.
    case webhookEndpointNotFound
    /// No event with this id in the clinic.
    case eventNotFound
    /// Webhooks need the service's secret key (to seal their signing secrets), and none is configured.
    case webhooksNotConfigured
    /// The clinic has `limit` keys that are not revoked: one must be revoked before another is made.
    case apiKeyLimitReached(limit: Int)
    /// The clinic already has a user of `product` with this email, in any case.
    case emailTaken(Product)
    /// The clinic already has a user of `product` whose identity provider's name (SCIM's `userName`; a user without
    /// one goes by their email) is this one, in any case.
    case userNameTaken(Product)
    /// The change would leave `product` of the clinic without an owner (the last one demoted or removed).
    case lastOwner(Product)
    /// The invitation was accepted: it can no longer be resent or revoked.
    case invitationAccepted
    /// A login did not succeed, whatever the reason (one answer for all, so that it tells nothing).
    case loginFailed
    /// Logins for this account or from this address are refused for `retryAfter` more seconds.
    case tooManyLogins(retryAfter: TimeInterval)
    /// The invitation was resent less than the resend cooldown ago; another resend is taken in `retryAfter` seconds.
    case resendTooSoon(retryAfter: TimeInterval)
    /// Another request holding the same idempotency key committed first; its answer is the one to give.
    case idempotencyKeyTaken
    /// The service has more of this work queued than it takes on (password hashing under a flood of logins, say);
    /// try again in `retryAfter` seconds.
    case busy(retryAfter: TimeInterval)
    /// The database does not answer (down, restarting, unreachable, or slower than the service waits); try again in
    /// `retryAfter` seconds. A change that answered this may or may not have been made: retry it with its
    /// idempotency key.
    case databaseUnavailable(retryAfter: TimeInterval)
    /// The database's disk is full: nothing more can be written until an operator frees space.
    case storageFull(retryAfter: TimeInterval)
}

extension ServiceError {
    /// ``invalid(_:)`` for `errors`, or `nil` when there are none.
    package static func invalid(ifAny errors: [FieldError]) -> ServiceError? {
        errors.isEmpty ? nil : .invalid(errors)
    }
}
