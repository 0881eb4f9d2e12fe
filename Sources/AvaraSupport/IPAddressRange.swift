import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IP address, v4 or v6, as its bytes.
package struct IPAddress: Sendable, Hashable {
    /// 4 bytes for IPv4, 16 for IPv6.
    package let bytes: [UInt8]

    /// The address `text` spells (`192.0.2.1`, `2001:db8::1`); `nil` for anything else.
    package init?(_ text: some StringProtocol) {
        let text = String(text)
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let raw = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 address.
            bytes = raw.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] ? Array(raw.suffix(4)) : raw
            return
        }
        return nil
    }

    /// What per-address limits count this address as: an IPv4 address itself, an IPv6 address as its /64
    /// (`2001:db8:1:2::/64`), since one subscriber is given a whole /64 and can pick any address in it.
    package var counted: String {
        guard bytes.count == 16 else { return bytes.map(String.init).joined(separator: ".") }
        var network = in6_addr()
        withUnsafeMutableBytes(of: &network) { raw in
            for index in 0..<8 { raw[index] = bytes[index] }
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &network, &text, socklen_t(text.count)) != nil else { return "" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/64"
    }
}

/// A range of IP addresses in CIDR notation (`10.0.0.0/8`, `fd00::/8`), or one address (`192.0.2.1`).
///
/// ```swift
/// let proxies = try IPAddressRange("10.0.0.0/8", option: "--trusted-proxy")
/// proxies.contains(IPAddress("10.1.2.3")!)   // true
/// ```
package struct IPAddressRange: Sendable, Hashable, CustomStringConvertible {
    private let network: IPAddress
    private let prefixLength: Int
    package let description: String

    /// - Throws: ``ConfigurationError`` naming `option` when `text` is not an address or a CIDR range.
    package init(_ text: String, option: String) throws(ConfigurationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let network = IPAddress(parts[0]) else {
            throw ConfigurationError(
                "\(option): \"\(trimmed)\" is not an IP address or a CIDR range such as 10.0.0.0/8")
        }
        let bits = network.bytes.count * 8
        let prefixLength = parts.count == 2 ? Int(parts[1]) : bits
        guard let prefixLength, (0...bits).contains(prefixLength) else {
            throw ConfigurationError("\(option): the prefix length of \"\(trimmed)\" must be from 0 to \(bits)")
        }
        self.network = network
        self.prefixLength = prefixLength
        self.description = trimmed
    }

    /// Whether `address` is in this range.
    package func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (candidate, base) in zip(address.bytes, network.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard candidate & mask == base & mask else { return false }
            remaining -= 8
        }
        return true
    }
}
