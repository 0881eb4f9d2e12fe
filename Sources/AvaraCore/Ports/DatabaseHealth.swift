/// Whether the service can do its work: what a load balancer's readiness check asks.
package enum Readiness: Sendable, Equatable {
    /// The database answers reads and takes writes.
    case ready
    /// The database does not answer a read.
    case databaseUnavailable
    /// Reads are answered, but a write does not complete in time (the write path is stuck).
    case writesStuck
    /// The database's disk is full.
    case storageFull
}

/// The database's side of readiness.
package protocol DatabaseHealth: Sendable {
    /// How the database is doing now; never throws, never waits longer than a few seconds.
    func readiness() async -> Readiness
}
