import Foundation

/// A mailbox: an optional display name and an addr-spec such as `sarah@example.com`.
///
/// Both parts may come from user input. They are stored verbatim; sanitising them for use
/// in a header (dropping line breaks, encoding non-ASCII) happens when the message is rendered.
package struct MailAddress: Codable, Sendable, Equatable {
    /// The human-readable display name, e.g. `Sarah Johnson`, or `nil` for a bare address.
    package var name: String?
    /// The addr-spec, e.g. `sarah@example.com`, without angle brackets.
    package var address: String

    package init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }
}
