// The values of openapi.yaml's #/components/schemas/WebhookEndpoint/properties/status, written in the shape
// scripts/generate-sdk-enums gives the SDK's enums.

/// Whether a ``WebhookEndpoint`` receives deliveries: `enabled`, or `disabled` by the clinic or by the service (see
/// ``WebhookEndpoint/disabledReason``).
///
/// 2 known values. A value added to the API after this version of the SDK decodes as
/// ``unknown(_:)``, keeping the raw string, so responses never fail to decode because of it.
public enum WebhookEndpointStatus: OpenEnum {
    /// `"enabled"`
    case enabled
    /// `"disabled"`
    case disabled
    /// A value this version of the SDK does not know, as sent by the server.
    case unknown(String)

    /// The values this version of the SDK knows, in the order of the API reference.
    public static let allCases: [WebhookEndpointStatus] = [
        .enabled,
        .disabled,
    ]

    /// The value for `rawValue`; ``unknown(_:)`` when it is not one of ``allCases``.
    public init(rawValue: String) {
        switch rawValue {
        case "enabled": self = .enabled
        case "disabled": self = .disabled
        default: self = .unknown(rawValue)
        }
    }

    /// The exact string the API uses.
    public var rawValue: String {
        switch self {
        case .enabled: "enabled"
        case .disabled: "disabled"
        case .unknown(let value): value
        }
    }
}
