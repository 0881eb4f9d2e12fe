import AvaraCore
import AvaraSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``HostResolver`` by the system's resolver (`getaddrinfo`), on the service's low-priority thread so that a slow
/// DNS answer never holds up a request's thread.
package struct SystemHostResolver: HostResolver {
    /// Why a name did not resolve.
    package struct ResolutionError: Error, CustomStringConvertible {
        package var host: String
        package var description: String { "\(host) does not resolve" }
    }

    package init() {}

    package func addresses(of host: String) async throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        let found = await DedicatedThread.background.run { Self.lookUp(host) }
        guard let found else { throw ResolutionError(host: host) }
        return found
    }

    private static func lookUp(_ host: String) -> [IPAddress]? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var first: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &first) == 0 else { return nil }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var next = first
        while let info = next {
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if let address = info.pointee.ai_addr {
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                        var raw = v4.pointee.sin_addr
                        _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                        var raw = v6.pointee.sin6_addr
                        _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                    }
                default: break
                }
            }
            let spelled = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let parsed = IPAddress(spelled), !addresses.contains(parsed) { addresses.append(parsed) }
            next = info.pointee.ai_next
        }
        return addresses
    }
}
