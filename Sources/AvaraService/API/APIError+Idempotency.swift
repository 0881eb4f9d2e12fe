import AvaraCore
import HTTPTypes

/// The problems of the `Idempotency-Key` header.
extension APIError {
    /// 400: the header is not 1 to 255 visible ASCII characters, or is sent more than once.
    package static func invalidIdempotencyKey() -> APIError {
        APIError(
            status: .badRequest, type: "/problems/invalid-idempotency-key", title: "Invalid Idempotency-Key",
            detail: "Send the Idempotency-Key header once, as 1 to \(IdempotencyKey.maxLength) visible ASCII "
                + "characters (no spaces).",
            fieldErrors: [
                FieldError(
                    field: "Idempotency-Key",
                    message: "must be 1 to \(IdempotencyKey.maxLength) visible ASCII characters, without spaces"
                )
            ]
        )
    }

    /// 409: the key already created the API key `key`, whose secret was only in that first answer. Never a
    /// secretless `201`: a client that lost the first answer must learn that a key exists that nobody holds.
    package static func apiKeySecretNotKept(_ key: APIKeyRecord) -> APIError {
        APIError(
            status: .conflict, type: "/problems/api-key-secret-not-kept", title: "API key already created",
            detail: "This Idempotency-Key already created the API key \(key.keyId) (\(key.prefix)), whose secret was "
                + "shown only in that first answer and is not kept. If that answer was lost, revoke \(key.keyId) "
                + "and create a key with a new Idempotency-Key."
        )
    }

    /// 422: the key already answered a different request (another body or the other product's path).
    package static func idempotencyKeyReused() -> APIError {
        APIError(
            status: .unprocessableContent, type: "/problems/idempotency-key-reused", title: "Idempotency-Key reused",
            detail: "This Idempotency-Key was already used in the last 24 hours with a different request; "
                + "send a new key for a new invite, or the same body to the same path to get the first answer again.",
            fieldErrors: [
                FieldError(field: "Idempotency-Key", message: "was already used with a different request body or path")
            ]
        )
    }

    /// 409 with `x-should-retry: true`: a request with the same key was still being processed; a retry gets its
    /// answer.
    package static func idempotencyKeyInProgress() -> APIError {
        APIError(
            status: .conflict, type: "/problems/idempotency-key-in-progress", title: "Request in progress",
            detail: "A request with this Idempotency-Key is still being processed; retry shortly to get its answer.",
            fieldErrors: [FieldError(field: "Idempotency-Key", message: "is in use by a request still in progress")],
            headers: [.shouldRetry: "true"]
        )
    }
}

extension HTTPField.Name {
    /// The request header naming an idempotent request.
    package static let idempotencyKey = Self("Idempotency-Key")!
    /// The response header marking a replayed answer.
    package static let idempotentReplayed = Self("Idempotent-Replayed")!
}
