/// Why ``Webhooks`` rejected a delivery, or a secret.
///
/// Answer a rejected delivery with a 4xx status and do not act on it. Compare with the static members rather than
/// switch: later versions may add reasons.
///
/// ```swift
/// do {
///     let event = try webhooks.verify(payload: body, headers: headers)
/// } catch let error as WebhookVerificationError where error == .timestampTooOld {
///     // a replay, or a clock far off
/// }
/// ```
public struct WebhookVerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: String {
        case invalidSecret, missingHeaders, invalidHeaders, timestampTooOld, timestampTooNew, invalidSignature
        case invalidPayload
    }

    private let code: Code
    /// What was wrong in detail, for logs; not part of equality.
    private let detail: String?

    private init(_ code: Code, detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    /// The secret is neither `whsec_` and base64 nor base64, or its key is empty.
    public static let invalidSecret = WebhookVerificationError(.invalidSecret)
    /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is missing or empty.
    public static let missingHeaders = WebhookVerificationError(.missingHeaders)
    /// `webhook-timestamp` is not a whole number of seconds since 1970.
    public static let invalidHeaders = WebhookVerificationError(.invalidHeaders)
    /// `webhook-timestamp` is more than 5 minutes in the past: a replay, or a delivery held up.
    public static let timestampTooOld = WebhookVerificationError(.timestampTooOld)
    /// `webhook-timestamp` is more than 5 minutes in the future: the sender's clock or this one is off.
    public static let timestampTooNew = WebhookVerificationError(.timestampTooNew)
    /// No `v1` signature of `webhook-signature` matches: a wrong secret, or a body or header changed on the way.
    public static let invalidSignature = WebhookVerificationError(.invalidSignature)
    /// The signature matches but the body is not an event's JSON.
    public static let invalidPayload = WebhookVerificationError(.invalidPayload)

    /// ``invalidPayload``, saying what could not be read.
    static func invalidPayload(_ error: any Error) -> WebhookVerificationError {
        WebhookVerificationError(.invalidPayload, detail: String(describing: error))
    }

    /// Equal when of the same kind, whatever the detail.
    public static func == (lhs: WebhookVerificationError, rhs: WebhookVerificationError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the kind only, as ``==(_:_:)`` compares it.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }

    /// For example `WebhookVerificationError.invalidSignature`.
    public var description: String {
        "WebhookVerificationError.\(code.rawValue)" + (detail.map { ": \($0)" } ?? "")
    }
}
