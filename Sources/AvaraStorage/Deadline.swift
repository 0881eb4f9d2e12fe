import AvaraCore
import Foundation

/// Runs database work with a deadline: its result, or ``ServiceError/databaseUnavailable(retryAfter:)`` once
/// `timeout` has passed. The work is cancelled then; PostgresNIO gives up waiting for a connection at once, so a
/// request never waits on a server that is down.
///
/// ```swift
/// let count = try await Deadline.run(after: .seconds(5)) { try await store.read { db in ... } }
/// ```
package enum Deadline {
    /// How long a client is asked to wait before trying again after a deadline passed.
    package static let retryAfter: TimeInterval = 2

    package static func run<T: Sendable>(
        after timeout: Duration, _ work: @Sendable () async throws -> T
    ) async throws -> T {
        // The group ends its children before it returns, so `work` does not really escape.
        try await withoutActuallyEscaping(work) { work in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else {
                    throw ServiceError.databaseUnavailable(retryAfter: retryAfter)
                }
                return result
            }
        }
    }
}
