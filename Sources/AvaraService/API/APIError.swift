import AvaraCore
import HTTPTypes
import Hummingbird

/// An error the API answers with an RFC 9457 problem, never with internals.
package struct APIError: Error, Sendable {
    package var status: HTTPResponse.Status
    /// A URI reference naming the problem type; `about:blank` when the status says it all.
    package var type: String
    package var title: String
    package var detail: String
    package var fieldErrors: [FieldError]
    package var headers: HTTPFields

    package init(
        status: HTTPResponse.Status,
        type: String = "about:blank",
        title: String? = nil,
        detail: String,
        fieldErrors: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    /// 401 with `WWW-Authenticate: Bearer`.
    package static func unauthorized(
        _ detail: String = "A valid API key is required: send it as `Authorization: Bearer <key>`."
    ) -> APIError {
        APIError(
            status: .unauthorized, type: "/problems/unauthorized", detail: detail,
            headers: [.wwwAuthenticate: #"Bearer realm="avara""#]
        )
    }

    /// 422 listing every violated rule.
    package static func validation(_ errors: [FieldError]) -> APIError {
        let fields = errors.map(\.field)
        let unique = fields.enumerated().filter { fields.firstIndex(of: $0.element) == $0.offset }.map(\.element)
        return APIError(
            status: .unprocessableContent, type: "/problems/validation-error", title: "Invalid request body",
            detail:
                "The request body breaks \(errors.count) rule(s); see errors (fields: \(unique.joined(separator: ", "))).",
            fieldErrors: errors
        )
    }

    /// 409 for an email already invited; a retry cannot succeed, hence `x-should-retry: false`.
    package static func emailTaken(product: Product) -> APIError {
        APIError(
            status: .conflict, type: "/problems/email-taken", title: "Email already invited",
            detail: "A \(product.displayName) user with this email already exists in this clinic.",
            fieldErrors: [
                FieldError(
                    field: "email", message: "is already used by another \(product.displayName) user of this clinic")
            ],
            headers: [.shouldRetry: "false"]
        )
    }

    /// 404 for a user that is not in this product of the key's clinic (whether it exists elsewhere or not).
    package static func userNotFound() -> APIError {
        APIError(
            status: .notFound, type: "/problems/user-not-found", title: "User not found",
            detail: "No user with this id in this product of your clinic."
        )
    }

    /// 400 naming every query parameter that is not of the type openapi.yaml gives it.
    package static func invalidQuery(_ errors: [FieldError]) -> APIError {
        APIError(
            status: .badRequest, type: "/problems/invalid-query", title: "Invalid query parameter",
            detail: "Query parameters of the wrong type: \(errors.map(\.field).joined(separator: ", ")).",
            fieldErrors: errors
        )
    }

    /// 403: the actor may not do this (``ServiceError/forbidden(_:)``, from ``Permissions``); `reason` says why.
    package static func forbidden(_ reason: String) -> APIError {
        APIError(
            status: .forbidden, type: "/problems/forbidden", title: "Not allowed", detail: reason,
            headers: [.shouldRetry: "false"]
        )
    }

    /// 422: the clinic has `limit` live keys already.
    package static func apiKeyLimitReached(limit: Int) -> APIError {
        APIError(
            status: .unprocessableContent, type: "/problems/api-key-limit", title: "Too many API keys",
            detail: "The clinic has \(limit) API keys that are not revoked, the most it may have: revoke one first."
        )
    }

    /// 404 for an API key that is not the clinic's (whether it exists elsewhere or not).
    package static func apiKeyNotFound() -> APIError {
        APIError(
            status: .notFound, type: "/problems/api-key-not-found", title: "API key not found",
            detail: "The clinic has no API key with this id."
        )
    }

    /// 404 for a webhook endpoint that is not the clinic's.
    package static func webhookEndpointNotFound() -> APIError {
        APIError(
            status: .notFound, type: "/problems/webhook-endpoint-not-found", title: "Webhook endpoint not found",
            detail: "The clinic has no webhook endpoint with this id."
        )
    }

    /// 404 for an event that is not the clinic's (or was purged after the event retention).
    package static func eventNotFound() -> APIError {
        APIError(
            status: .notFound, type: "/problems/event-not-found", title: "Event not found",
            detail: "The clinic has no event with this id (events are kept for the service's event retention)."
        )
    }

    /// 503 while the service has no secret key to seal webhook secrets with; retrying does not help.
    package static func webhooksNotConfigured() -> APIError {
        APIError(
            status: .serviceUnavailable, type: "/problems/webhooks-not-configured", title: "Webhooks not configured",
            detail: "The service has no secret key (AVARA_SECRET_KEY or --secret-key-file): its operator must set one.",
            headers: [.shouldRetry: "false"]
        )
    }

    /// 409 for a change to an invitation that was already accepted; a retry cannot succeed.
    /// 409 for a change that would leave a product of the clinic without an owner.
    package static func lastOwner(product: Product) -> APIError {
        APIError(
            status: .conflict, type: "/problems/last-owner", title: "Last owner",
            detail: "\(product.displayName) keeps at least one owner: make another user an owner before this change.",
            headers: [.shouldRetry: "false"]
        )
    }

    package static func invitationAccepted() -> APIError {
        APIError(
            status: .conflict, type: "/problems/invitation-accepted", title: "Invitation already accepted",
            detail: "The user accepted this invitation; it can no longer be resent or revoked.",
            headers: [.shouldRetry: "false"]
        )
    }

    /// 401 for a login that did not succeed, whatever the reason.
    package static func loginFailed() -> APIError {
        APIError(
            status: .unauthorized, type: "/problems/login-failed", title: "Login failed",
            detail: "The email, password or product is not right, or the account cannot log in to this dashboard."
        )
    }

    /// 429 while logins are throttled.
    package static func tooManyLogins(retryAfter seconds: Double) -> APIError {
        retryLater(
            .tooManyRequests, type: "/problems/too-many-logins", title: "Too many failed logins", after: seconds
        ) { "Too many failed logins for this account or from this address; try again in \($0) seconds." }
    }

    /// 429 for a resend within the cooldown of the last one: each resend sends an email.
    package static func resendTooSoon(retryAfter seconds: Double) -> APIError {
        retryLater(.tooManyRequests, type: "/problems/resend-too-soon", title: "Resent too recently", after: seconds) {
            "This invitation was resent moments ago, and each resend sends an email; try again in \($0) seconds."
        }
    }

    /// 503 while the service has more of some work queued than it takes on.
    /// 429 for an API key past its rate limit.
    /// 429: `who` ("This API key", "This clinic's API keys together") made more than `rate` requests a second.
    package static func rateLimited(_ who: String, perSecond rate: Int, retryAfter seconds: Double) -> APIError {
        retryLater(.tooManyRequests, type: "/problems/rate-limited", title: "Too many requests", after: seconds) {
            "\(who) made more than \(rate) requests a second; try again in \($0) seconds."
        }
    }

    package static func busy(retryAfter seconds: Double) -> APIError {
        retryLater(.serviceUnavailable, type: "/problems/busy", title: "Too busy", after: seconds) {
            "The service is too busy to take this request; try again in \($0) seconds."
        }
    }

    /// 503 while the database does not answer.
    package static func databaseUnavailable(retryAfter seconds: Double) -> APIError {
        retryLater(
            .serviceUnavailable, type: "/problems/database-unavailable", title: "Database unavailable", after: seconds
        ) {
            "The database does not answer; try again in \($0) seconds. A change may or may not have been made: retry it with the same Idempotency-Key."
        }
    }

    /// 503 while the database's disk is full.
    package static func storageFull(retryAfter seconds: Double) -> APIError {
        retryLater(.serviceUnavailable, type: "/problems/storage-full", title: "Storage full", after: seconds) {
            "The database's disk is full, so nothing can be written until an operator frees space; try again in \($0) seconds."
        }
    }

    /// 503 from the readiness check: the service cannot do its work now, for `reason`.
    package static func notReady(_ reason: String) -> APIError {
        retryLater(.serviceUnavailable, type: "/problems/not-ready", title: "Not ready", after: 5) { _ in reason }
    }

    /// A problem with `Retry-After`: `seconds` rounded up to whole seconds (at least 1), which `detail` is given.
    private static func retryLater(
        _ status: HTTPResponse.Status, type: String, title: String, after seconds: Double,
        detail: (Int) -> String
    ) -> APIError {
        let wait = max(1, Int(seconds.rounded(FloatingPointRoundingRule.up)))
        return APIError(
            status: status, type: type, title: title, detail: detail(wait), headers: [.retryAfter: String(wait)]
        )
    }

    /// 400 for a body that is not a JSON object, naming the offending members in `fieldErrors`, if any.
    /// 400: fields that cannot be read as they stand (``ServiceError/malformed(_:)``), each named.
    package static func malformedRequest(_ errors: [FieldError]) -> APIError {
        APIError(
            status: .badRequest, type: "/problems/malformed-request", title: "Malformed request",
            detail: "Fields that cannot be read: \(errors.map(\.field).joined(separator: ", ")).", fieldErrors: errors
        )
    }

    package static func malformedBody(_ detail: String, fieldErrors: [FieldError] = []) -> APIError {
        APIError(status: .badRequest, type: "/problems/malformed-body", detail: detail, fieldErrors: fieldErrors)
    }
}

extension HTTPField.Name {
    /// The request id header.
    package static let requestId = Self("X-Request-Id")!
    /// Tells generated SDKs whether to retry.
    package static let shouldRetry = Self("x-should-retry")!
}
