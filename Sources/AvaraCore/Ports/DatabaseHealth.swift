/// Whether the database answers: what a load balancer's health check asks of the service.
package protocol DatabaseHealth: Sendable {
    /// Returns when the database answers a trivial query; throws otherwise.
    func check() async throws
}
