import Foundation

/// Checks that a webhook delivery comes from the service, unchanged and recent, and reads its event.
///
/// Deliveries follow [Standard Webhooks](https://www.standardwebhooks.com): each carries the headers `webhook-id`,
/// `webhook-timestamp` (seconds since 1970) and `webhook-signature`, one or more space-separated `v1,<base64>`
/// HMAC-SHA256 signatures of `{webhook-id}.{webhook-timestamp}.{body}` under the endpoint's secret (two while the
/// secret is being rotated). Any library for Standard Webhooks, in any language, verifies the same deliveries.
///
/// ```swift
/// let webhooks = try Webhooks(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
///
/// // In the handler of the endpoint, with the body's bytes exactly as received:
/// do {
///     let event = try webhooks.verify(payload: body, headers: headers)
///     if event.type == .userInvited { ... }
/// } catch {
///     // answer 400 and ignore the delivery
/// }
/// ```
///
/// Verify before parsing or changing the body in any way: re-encoded JSON no longer matches its signature.
public struct Webhooks: Sendable, CustomStringConvertible, CustomReflectable {
    /// How far a delivery's `webhook-timestamp` may be from now, either way: 5 minutes.
    public static let tolerance: TimeInterval = 5 * 60

    private static let secretPrefix = "whsec_"

    /// The key the secret encodes.
    private let key: [UInt8]

    /// Verifies with the endpoint's signing secret: `whsec_` and the key in base64 (the prefix may be left out, the
    /// padding too).
    ///
    /// - Throws: ``WebhookVerificationError/invalidSecret`` when the secret is not base64 or its key is empty.
    public init(secret: String) throws(WebhookVerificationError) {
        var encoded = secret.hasPrefix(Self.secretPrefix) ? String(secret.dropFirst(Self.secretPrefix.count)) : secret
        encoded += String(repeating: "=", count: (4 - encoded.utf8.count % 4) % 4)
        guard let key = Data(base64Encoded: encoded), !key.isEmpty else { throw .invalidSecret }
        self.key = Array(key)
    }

    /// Verifies a delivery received now and reads its event.
    ///
    /// - Parameters:
    ///   - payload: The request's body, byte for byte as received.
    ///   - headers: The request's headers; names in any case.
    /// - Throws: ``WebhookVerificationError``: ``WebhookVerificationError/missingHeaders``,
    ///   ``WebhookVerificationError/invalidHeaders``, ``WebhookVerificationError/timestampTooOld``,
    ///   ``WebhookVerificationError/timestampTooNew``, ``WebhookVerificationError/invalidSignature`` or, once the
    ///   signature matches, ``WebhookVerificationError/invalidPayload``.
    public func verify(payload: Data, headers: [String: String]) throws(WebhookVerificationError) -> WebhookEvent {
        try verify(payload: payload, headers: headers, now: Date())
    }

    /// Verifies a delivery as if received at `now` and reads its event: ``verify(payload:headers:)`` for tests.
    public func verify(
        payload: Data, headers: [String: String], now: Date
    ) throws(WebhookVerificationError) -> WebhookEvent {
        var byName: [String: String] = [:]
        for (name, value) in headers {
            byName[name.lowercased()] = value
        }
        guard let id = byName["webhook-id"], let timestamp = byName["webhook-timestamp"],
            let signatures = byName["webhook-signature"], !id.isEmpty, !timestamp.isEmpty, !signatures.isEmpty
        else { throw .missingHeaders }
        guard let seconds = Int(timestamp) else { throw .invalidHeaders }
        let sent = Date(timeIntervalSince1970: TimeInterval(seconds))
        if sent < now.addingTimeInterval(-Self.tolerance) { throw .timestampTooOld }
        if sent > now.addingTimeInterval(Self.tolerance) { throw .timestampTooNew }

        // The whole `v1,<base64>` entry is compared, so entries of other versions never match.
        let expected = Array(sign(id: id, seconds: String(seconds), payload: payload).utf8)
        let matches = signatures.split(separator: " ").contains { Self.constantTimeEqual(Array($0.utf8), expected) }
        guard matches else { throw .invalidSignature }

        do {
            return try WireFormat.decoder().decode(WebhookEvent.self, from: payload)
        } catch {
            throw .invalidPayload(error)
        }
    }

    /// The `webhook-signature` of a delivery: `v1,` and the base64 of its HMAC-SHA256, for tests of a receiver.
    ///
    /// - Parameters:
    ///   - id: The `webhook-id`.
    ///   - timestamp: The time sent as `webhook-timestamp`, in whole seconds since 1970 (rounded down).
    ///   - payload: The body.
    public func sign(id: String, timestamp: Date, payload: Data) -> String {
        sign(id: id, seconds: String(Int(timestamp.timeIntervalSince1970.rounded(.down))), payload: payload)
    }

    private func sign(id: String, seconds: String, payload: Data) -> String {
        let message = Array("\(id).\(seconds).".utf8) + payload
        return "v1," + Data(SHA256.hmac(key: key, message: message)).base64EncodedString()
    }

    /// Whether the two are equal, in a time that depends on their length only.
    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    /// `Webhooks(secret: <redacted>)`: the secret never shows in logs.
    public var description: String { "Webhooks(secret: <redacted>)" }

    /// No children, so that `dump` does not show the key either.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
