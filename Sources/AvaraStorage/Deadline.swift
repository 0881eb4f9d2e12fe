import AvaraCore
import Foundation
import Synchronization

/// Runs database work with a deadline: the caller gets its result, or ``ServiceError/databaseUnavailable(retryAfter:)``
/// once `timeout` has passed, whichever comes first.
///
/// At the deadline the work is cancelled, but the caller does not wait for it to end: a driver waiting on a
/// connection the server dropped may never notice the cancellation (PostgresNIO 1.33.2 can wait for ever there),
/// and a request must not wait with it.
///
/// ```swift
/// let count = try await Deadline.run(after: .seconds(5)) { try await store.read { db in ... } }
/// ```
package enum Deadline {
    /// How long a client is asked to wait before trying again after a deadline passed.
    package static let retryAfter: TimeInterval = 2

    package static func run<T: Sendable>(
        after timeout: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.wait(continuation)
            let task = Task {
                let result: Result<T, any Error>
                do {
                    result = .success(try await work())
                } catch {
                    result = .failure(error)
                }
                outcome.finish(with: result)
            }
            Task {
                try? await Task.sleep(for: timeout)
                if outcome.finish(with: .failure(ServiceError.databaseUnavailable(retryAfter: retryAfter))) {
                    task.cancel()
                }
            }
        }
    }

    /// The one answer a caller gets: the first of the work's and the deadline's.
    private final class Outcome<T: Sendable>: Sendable {
        private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

        func wait(_ continuation: CheckedContinuation<T, any Error>) {
            self.continuation.withLock { $0 = continuation }
        }

        /// Resumes the caller with `result` unless it was resumed already; answers whether it did.
        @discardableResult
        func finish(with result: Result<T, any Error>) -> Bool {
            guard let waiting = continuation.withLock({ waiting in
                defer { waiting = nil }
                return waiting
            }) else { return false }
            waiting.resume(with: result)
            return true
        }
    }
}
