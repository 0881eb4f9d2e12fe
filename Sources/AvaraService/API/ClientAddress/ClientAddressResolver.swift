import AvaraCore
import AvaraSupport
import Foundation
import HTTPTypes

/// Which address a request comes from: the connection's peer, unless that peer is a trusted proxy, in which case
/// the address the proxies forwarded in the one header the operator names (``ForwardedHeader``).
///
/// Behind a load balancer every connection comes from the balancer, so per-address limits would count the whole
/// world as one client. A forwarded address is believed only from a trusted proxy: anyone can send the headers.
/// Only one header is read, never both: nginx and HAProxy append to `X-Forwarded-For` but pass a client's own
/// `Forwarded` through untouched, so reading the other header would let a client pick its own address.
/// The chain is read from the right (the hop nearest the service) past every trusted proxy; the first address that
/// is not one is the client's. An entry that is not an address (`unknown`, an obfuscated name) stops the walk at
/// the proxy that wrote it.
struct ClientAddressResolver: Sendable {
    /// The proxies whose forwarded addresses are believed; none by default.
    let trustedProxies: [IPAddressRange]
    /// The header those proxies write.
    var header: ForwardedHeader = .xForwardedFor

    /// The client's address for a request from `peer` with `headers`.
    func clientAddress(peer: String?, headers: HTTPFields) -> String? {
        // Without trusted proxies (the default) nothing is parsed: this runs on every request.
        guard !trustedProxies.isEmpty, let peer, let peerAddress = IPAddress(peer), isTrusted(peerAddress) else {
            return peer
        }
        var client = peer
        for hop in forwardedChain(headers).reversed() {
            guard let address = IPAddress(hop) else { return client }
            client = hop
            if !isTrusted(address) { return hop }
        }
        return client
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    /// The addresses the proxies forwarded in ``header``, the client's first: the `for=` of each `Forwarded`
    /// element, or the entries of `X-Forwarded-For`. Quotes, IPv6 brackets and ports are removed; other entries
    /// are kept as they are.
    func forwardedChain(_ headers: HTTPFields) -> [String] {
        switch header {
        case .forwarded:
            return headers[values: .forwarded].flatMap { $0.split(separator: ",") }.compactMap { element in
                element.split(separator: ";").lazy
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.lowercased().hasPrefix("for=") }
                    .map { Self.node($0.dropFirst(4)) }
            }
        case .xForwardedFor:
            return headers[values: .xForwardedFor].flatMap { $0.split(separator: ",") }
                .map { Self.node($0.trimmingCharacters(in: .whitespaces)) }
        }
    }

    /// A node without its quotes, brackets and port: `"[2001:db8::1]:4711"` is `2001:db8::1`, `203.0.113.5:80`
    /// is `203.0.113.5`; a bare IPv6 address (`2001:db8::1`) is kept whole.
    static func node(_ value: some StringProtocol) -> String {
        var node = Substring(value)
        if node.hasPrefix("\""), node.hasSuffix("\""), node.count >= 2 { node = node.dropFirst().dropLast() }
        if node.hasPrefix("["), let close = node.firstIndex(of: "]") {
            return String(node[node.index(after: node.startIndex)..<close])
        }
        if let colon = node.firstIndex(of: ":"), node.lastIndex(of: ":") == colon { node = node[..<colon] }
        return String(node)
    }
}

/// The header a trusted proxy names the client in. `--forwarded-header`, `AVARA_FORWARDED_HEADER`.
package enum ForwardedHeader: String, Sendable, CaseIterable {
    /// `X-Forwarded-For`, which nginx (`$proxy_add_x_forwarded_for`) and HAProxy (`option forwardfor`) append to.
    case xForwardedFor = "x-forwarded-for"
    /// `Forwarded` (RFC 7239), for proxies configured to write it (and to drop the client's own).
    case forwarded = "forwarded"

    /// Parses `x-forwarded-for` or `forwarded`, in any case.
    ///
    /// - Throws: ``ConfigurationError`` naming `option`.
    package init(_ text: String, option: String) throws(ConfigurationError) {
        guard let header = Self(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ConfigurationError("\(option): \"\(text)\" is not x-forwarded-for or forwarded")
        }
        self = header
    }
}

extension HTTPField.Name {
    /// RFC 7239.
    static let forwarded = Self("Forwarded")!
    /// The de facto header of proxies that predate `Forwarded`.
    static let xForwardedFor = Self("X-Forwarded-For")!
}
