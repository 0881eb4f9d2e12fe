import SQLKit

/// The service's database: plain reads, and write transactions that commit or roll back as a whole.
///
/// Repositories take a ``DatabaseStore`` and express their queries with SQLKit, so the same SQL runs on every
/// backend. ``SQLiteDatabaseStore`` is the embedded default.
package protocol DatabaseStore: Sendable {
    /// The backend's name for logs and diagnostics, e.g. `sqlite`.
    var backendName: String { get }

    /// Runs read-only queries. They see the last committed state and never block writers.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Closes every connection. No call may follow.
    func close() async throws
}
