import Synchronization

/// A first-in, first-out lock for async code, held across suspension points.
///
/// SQLite allows one writer at a time; the service funnels every write transaction through one connection
/// guarded by this lock, so transactions never interleave and never spin on `SQLITE_BUSY`.
final class AsyncLock: Sendable {
    private struct State {
        var isLocked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    private let state = Mutex(State())

    init() {}

    /// Runs `body` while holding the lock. Callers are served in arrival order.
    func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await lock()
        defer { unlock() }
        return try await body()
    }

    private func lock() async {
        let acquired = state.withLock { state -> Bool in
            if state.isLocked { return false }
            state.isLocked = true
            return true
        }
        if acquired { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquiredMeanwhile = state.withLock { state -> Bool in
                if state.isLocked {
                    state.waiters.append(continuation)
                    return false
                }
                state.isLocked = true
                return true
            }
            if acquiredMeanwhile { continuation.resume() }
        }
    }

    private func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.head < state.waiters.count else {
                state.waiters.removeAll(keepingCapacity: true)
                state.head = 0
                state.isLocked = false
                return nil
            }
            let waiter = state.waiters[state.head]
            state.head += 1
            if state.head >= 1024, state.head * 2 >= state.waiters.count {
                state.waiters.removeFirst(state.head)
                state.head = 0
            }
            // The lock passes straight to the next waiter: it stays locked.
            return waiter
        }
        next?.resume()
    }
}
