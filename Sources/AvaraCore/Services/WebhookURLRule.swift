import AvaraSupport
import Foundation

/// Where webhooks may be delivered: `https://` URLs whose host resolves only to public addresses, checked when an
/// endpoint is created or changed and again before every delivery (DNS can change). With
/// `--allow-insecure-webhooks` (tests, closed networks) any `http` or `https` URL to any address is taken.
package struct WebhookURLRule: Sendable {
    /// Whether the checks are lifted.
    package let allowsInsecure: Bool
    private let resolver: any HostResolver

    package init(allowsInsecure: Bool, resolver: any HostResolver) {
        self.allowsInsecure = allowsInsecure
        self.resolver = resolver
    }

    /// The error of `url` as a field, or `nil` when deliveries may go there.
    package func error(of url: String, field: String = "url") async -> FieldError? {
        if let message = Self.formError(of: url, allowsInsecure: allowsInsecure) {
            return FieldError(field: field, message: message)
        }
        guard !allowsInsecure, let host = URLComponents(string: url)?.host else { return nil }
        if let message = await addressError(of: host) { return FieldError(field: field, message: message) }
        return nil
    }

    /// Why deliveries may not go to `host` now, or `nil`.
    package func addressError(of host: String) async -> String? {
        guard !allowsInsecure else { return nil }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses: [IPAddress]
        do {
            addresses = try await resolver.addresses(of: bare)
        } catch {
            return "has a host that does not resolve"
        }
        guard !addresses.isEmpty else { return "has a host that does not resolve" }
        if addresses.contains(where: { !Self.isPublic($0) }) {
            return "leads to a loopback, private, link-local or metadata address, which webhooks may not reach"
        }
        return nil
    }

    /// What is wrong with the URL as text: its scheme, host, credentials or length.
    static func formError(of url: String, allowsInsecure: Bool) -> String? {
        guard url.utf8.count <= 2048 else { return "must be at most 2048 characters" }
        guard !TextChecks.containsControlCharacter(url), let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else { return "must be an absolute URL such as https://pacs.example.org/avara-events" }
        guard scheme == "https" || (allowsInsecure && scheme == "http") else { return "must be an https:// URL" }
        guard components.user == nil, components.password == nil else {
            return "must not hold credentials: the signature authenticates deliveries"
        }
        guard components.fragment == nil else { return "must not have a fragment" }
        return nil
    }

    /// Whether `address` is on the public internet: not loopback, unspecified, private (RFC 1918, unique local),
    /// shared (carrier-grade NAT), link-local (which holds the clouds' metadata services), multicast or reserved.
    package static func isPublic(_ address: IPAddress) -> Bool {
        !blocked.contains { $0.contains(address) }
    }

    private static let blocked: [IPAddressRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128",
        "64:ff9b::/96", "fc00::/7", "fe80::/10", "ff00::/8",
    ].compactMap { try? IPAddressRange($0, option: "webhook address") }
}
