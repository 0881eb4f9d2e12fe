import AvaraCore
import Foundation
import Synchronization

/// Runs database work with a deadline: the caller gets its result, or ``ServiceError/databaseUnavailable(retryAfter:)``
/// once `timeout` has passed, whichever comes first.
///
/// At the deadline the work is cancelled, but the caller does not wait for it to end: a driver waiting on a
/// connection the server dropped may never notice the cancellation (PostgresNIO 1.33.2 can wait for ever there),
/// and a request must not wait with it. A caller that is cancelled (its client went away, the service is stopping)
/// gets `CancellationError` at once, and its work is cancelled too.
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
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.wait(continuation)
                let worker = Task {
                    let result: Result<T, any Error>
                    do {
                        result = .success(try await work())
                    } catch {
                        result = .failure(error)
                    }
                    outcome.finish(with: result)
                }
                outcome.own(worker)
                // Left to fire even when the work ended first: a sleep's timer is not taken back by cancelling it,
                // so cancelling would only add work.
                Task {
                    try? await Task.sleep(for: timeout)
                    outcome.finish(with: .failure(ServiceError.databaseUnavailable(retryAfter: retryAfter)))
                }
            }
        } onCancel: {
            outcome.finish(with: .failure(CancellationError()))
        }
    }

    /// The one answer a caller gets: the first of the work's, the deadline's and the caller's cancellation. Once it
    /// is given, the work is cancelled (when the answer is its own, it has ended anyway).
    private final class Outcome<T: Sendable>: Sendable {
        private enum State {
            /// No answer yet; the caller may not be waiting yet either.
            case pending(CheckedContinuation<T, any Error>?)
            /// Answered: the result went to the caller, or waits for it when it came before the caller did.
            case answered(Result<T, any Error>?)
        }

        /// The state and the work, under one lock: an answer and the work's arrival cannot pass each other.
        private let guarded = Mutex<(state: State, worker: Task<Void, Never>?)>((.pending(nil), nil))

        func wait(_ continuation: CheckedContinuation<T, any Error>) {
            let early: Result<T, any Error>? = guarded.withLock { guarded in
                guard case .answered(let result) = guarded.state else {
                    guarded.state = .pending(continuation)
                    return nil
                }
                guarded.state = .answered(nil)
                return result
            }
            if let early { continuation.resume(with: early) }
        }

        /// Holds the work, to cancel it once there is an answer (at once if there is one already).
        func own(_ worker: Task<Void, Never>) {
            let answered = guarded.withLock { guarded in
                guarded.worker = worker
                if case .answered = guarded.state { return true }
                return false
            }
            if answered { worker.cancel() }
        }

        /// Gives the caller `result` unless it was answered already.
        func finish(with result: Result<T, any Error>) {
            let answer: (continuation: CheckedContinuation<T, any Error>?, worker: Task<Void, Never>?)? =
                guarded.withLock { guarded in
                    guard case .pending(let continuation) = guarded.state else { return nil }
                    guarded.state = .answered(continuation == nil ? result : nil)
                    return (continuation, guarded.worker)
                }
            guard let answer else { return }
            answer.continuation?.resume(with: result)
            answer.worker?.cancel()
        }
    }
}
