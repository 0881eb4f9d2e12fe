import AvaraCore
import Foundation
import HTTPTypes

/// Which address a request comes from: the connection's peer, unless that peer is a trusted proxy, in which case
/// the address the proxies forwarded (`Forwarded`, RFC 7239, or else `X-Forwarded-For`).
///
/// Behind a load balancer every connection comes from the balancer, so per-address limits would count the whole
/// world as one client. A forwarded address is believed only from a trusted proxy: anyone can send the headers.
/// The chain is read from the right (the hop nearest the service) past every trusted proxy; the first address that
/// is not one is the client's. An entry that is not an address (`unknown`, an obfuscated name) stops the walk at
/// the proxy that wrote it.
struct ClientAddressResolver: Sendable {
    /// The proxies whose forwarded addresses are believed; none by default.
    let trustedProxies: [IPAddressRange]

    /// The client's address for a request from `peer` with `headers`.
    func clientAddress(peer: String?, headers: HTTPFields) -> String? {
        // Without trusted proxies (the default) nothing is parsed: this runs on every request.
        guard !trustedProxies.isEmpty, let peer, let peerAddress = IPAddress(peer), isTrusted(peerAddress) else {
            return peer
        }
        var client = peer
        for hop in Self.forwardedChain(headers).reversed() {
            guard let address = IPAddress(hop) else { return client }
            client = hop
            if !isTrusted(address) { return hop }
        }
        return client
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    /// The addresses the proxies forwarded, the client's first: the `for=` of each `Forwarded` element, or else
    /// the entries of `X-Forwarded-For`. Ports and IPv6 brackets are removed; other entries are kept as they are.
    static func forwardedChain(_ headers: HTTPFields) -> [String] {
        let forwarded = headers[values: .forwarded]
        if !forwarded.isEmpty {
            return forwarded.flatMap { $0.split(separator: ",") }.compactMap { element in
                element.split(separator: ";").lazy
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.lowercased().hasPrefix("for=") }
                    .map { node(String($0.dropFirst(4))) }
            }
        }
        return headers[values: .xForwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A `Forwarded` node without its quotes, brackets and port: `"[2001:db8::1]:4711"` is `2001:db8::1`.
    private static func node(_ value: String) -> String {
        var node = Substring(value)
        if node.hasPrefix("\""), node.hasSuffix("\""), node.count >= 2 { node = node.dropFirst().dropLast() }
        if node.hasPrefix("["), let close = node.firstIndex(of: "]") {
            return String(node[node.index(after: node.startIndex)..<close])
        }
        if let colon = node.firstIndex(of: ":"), node.lastIndex(of: ":") == colon { node = node[..<colon] }
        return String(node)
    }
}

extension HTTPField.Name {
    /// RFC 7239.
    static let forwarded = Self("Forwarded")!
    /// The de facto header of proxies that predate `Forwarded`.
    static let xForwardedFor = Self("X-Forwarded-For")!
}
