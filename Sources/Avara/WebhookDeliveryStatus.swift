// The values of openapi.yaml's #/components/schemas/WebhookDelivery/properties/status, written in the shape
// scripts/generate-sdk-enums gives the SDK's enums.

/// What became of a ``WebhookDelivery``: `queued` (waiting for its first or next attempt), `sent` (the endpoint
/// answered 2xx) or `failed` (given up).
///
/// 3 known values. A value added to the API after this version of the SDK decodes as
/// ``unknown(_:)``, keeping the raw string, so responses never fail to decode because of it.
public enum WebhookDeliveryStatus: OpenEnum {
    /// `"queued"`
    case queued
    /// `"sent"`
    case sent
    /// `"failed"`
    case failed
    /// A value this version of the SDK does not know, as sent by the server.
    case unknown(String)

    /// The values this version of the SDK knows, in the order of the API reference.
    public static let allCases: [WebhookDeliveryStatus] = [
        .queued,
        .sent,
        .failed,
    ]

    /// The value for `rawValue`; ``unknown(_:)`` when it is not one of ``allCases``.
    public init(rawValue: String) {
        switch rawValue {
        case "queued": self = .queued
        case "sent": self = .sent
        case "failed": self = .failed
        default: self = .unknown(rawValue)
        }
    }

    /// The exact string the API uses.
    public var rawValue: String {
        switch self {
        case .queued: "queued"
        case .sent: "sent"
        case .failed: "failed"
        case .unknown(let value): value
        }
    }
}
