import AvaraSupport

/// Resolves a host name to its IP addresses, so that the core can refuse webhook URLs that lead inside the
/// service's own network.
package protocol HostResolver: Sendable {
    /// The addresses `host` resolves to now (an IP address literal resolves to itself).
    ///
    /// - Throws: when the name does not resolve.
    func addresses(of host: String) async throws -> [IPAddress]
}
