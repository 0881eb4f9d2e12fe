import AvaraSupport

extension AvaraRequestContext {
    /// What per-address limits count the client as: its IPv4 address, or its IPv6 address's /64
    /// (``IPAddress/counted``); `unknown` without an address. Worked out only by the requests that are counted (a
    /// login, a request without a key verified lately), not on every request's path.
    package var countedClientAddress: String {
        guard let clientAddress else { return "unknown" }
        return IPAddress(clientAddress)?.counted ?? clientAddress
    }
}
