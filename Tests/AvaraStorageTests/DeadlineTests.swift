import Foundation
import Synchronization
import Testing

@testable import AvaraCore
@testable import AvaraStorage

/// The deadline every PostgreSQL request and readiness probe runs under.
@Suite("Database deadlines", .timeLimit(.minutes(1)))
struct DeadlineTests {
    @Test("work that ends in time gives its result, or its own error")
    func inTime() async throws {
        #expect(try await Deadline.run(after: .seconds(60)) { 42 } == 42)
        await #expect(throws: CancellationError.self) {
            try await Deadline.run(after: .seconds(60)) { () async throws -> Int in throw CancellationError() }
        }
    }

    @Test("work that ignores cancellation: the caller still gets databaseUnavailable at the deadline")
    func stuckWork() async throws {
        let stuck = Stuck()
        await #expect(throws: ServiceError.databaseUnavailable(retryAfter: 2)) {
            try await Deadline.run(after: .milliseconds(100)) { await stuck.wait() }
        }
        stuck.release()
    }

    @Test("a cancelled caller is answered at once and its work is cancelled, long before the deadline")
    func cancelledCaller() async throws {
        let started = Stuck()
        let sawCancellation = Mutex(false)
        let caller = Task {
            try await Deadline.run(after: .seconds(3600)) {
                started.release()
                do {
                    try await Task.sleep(for: .seconds(3600))
                } catch {
                    sawCancellation.withLock { $0 = true }
                    throw error
                }
            }
        }
        await started.wait()
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        while !sawCancellation.withLock({ $0 }) { await Task.yield() }
    }

    @Test("a caller cancelled before it starts is answered at once")
    func cancelledBeforeStart() async throws {
        let caller = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await Deadline.run(after: .seconds(3600)) { try await Task.sleep(for: .seconds(3600)) }
        }
        await #expect(throws: CancellationError.self) { try await caller.value }
    }
}

/// Work that waits, deaf to cancellation, until the test releases it.
private final class Stuck: Sendable {
    private let state = Mutex<(released: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.released { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func release() {
        let waiters = state.withLock { state in
            state.released = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
