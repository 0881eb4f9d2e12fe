/// An Avara product that users can be invited into.
package enum Product: String, Sendable, CaseIterable, Codable {
    case viewer
    case autoScribe

    /// The product's name as shown to people, e.g. in messages.
    package var displayName: String {
        switch self {
        case .viewer: "Viewer"
        case .autoScribe: "AutoScribe"
        }
    }

    /// Whether the product writes reports, and with it has `canCreateReports` and `npiNumber`: the one place that
    /// says so.
    package var takesReports: Bool {
        switch self {
        case .viewer: false
        case .autoScribe: true
        }
    }

    /// The product's segment in API paths, as in `/v1/autoScribe/users`.
    package var pathComponent: String {
        switch self {
        case .viewer: "viewer"
        case .autoScribe: "autoScribe"
        }
    }

    /// The product whose ``pathComponent`` is `segment` (the dashboard's and SCIM's `:product`); `nil` for any other.
    package init?(pathComponent segment: String) {
        guard let product = Self.allCases.first(where: { $0.pathComponent == segment }) else { return nil }
        self = product
    }
}
