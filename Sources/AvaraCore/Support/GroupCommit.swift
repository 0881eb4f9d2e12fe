import AvaraSupport
import Synchronization

/// Commits concurrent submissions together: while one batch is being committed, new submissions queue
/// up and go into the next batch as a whole.
///
/// With one SQLite writer, one transaction per invite would make every request wait for every other request's
/// commit. Group commit keeps each request's latency at about one commit while throughput grows with load;
/// under light load a batch holds a single submission and nothing waits.
///
/// The committing loop runs on an executor of its own (the storage's `writeExecutor`): after each database call
/// it goes on at once rather than queueing behind request handling on the cooperative threads, which would hold
/// up every request of the next batch.
///
/// ```swift
/// let queue = GroupCommit<NewInvite, InviteOutcome>(maxBatchSize: 128) { batch in
///     try await users.insertInvites(batch)
/// }
/// let outcome = try await queue.submit(invite)
/// ```
package final class GroupCommit<Item: Sendable, Outcome: Sendable>: Sendable {
    private typealias Waiter = (item: Item, continuation: CheckedContinuation<Outcome, any Error>)

    private struct State {
        var pending: [Waiter] = []
        var isCommitting = false
    }

    private let state = Mutex(State())
    private let maxBatchSize: Int
    private let load: WriterLoad?
    private let executor: any TaskExecutor
    private let commit: @Sendable ([Item]) async throws -> [Outcome]

    /// - Parameters:
    ///   - maxBatchSize: The most submissions one commit takes.
    ///   - load: Told the size of every batch.
    ///   - executor: Where the committing loop runs.
    ///   - commit: Commits a batch and returns one outcome per item, in order. When it throws, every
    ///     submission of the batch receives the error.
    package init(
        maxBatchSize: Int, load: WriterLoad? = nil, executor: any TaskExecutor = DedicatedThread.commits,
        commit: @escaping @Sendable ([Item]) async throws -> [Outcome]
    ) {
        self.maxBatchSize = max(1, maxBatchSize)
        self.load = load
        self.executor = executor
        self.commit = commit
    }

    /// Queues `item` for the next batch and returns its outcome once that batch is committed.
    package func submit(_ item: Item) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let startsCommitter = state.withLock { state -> Bool in
                state.pending.append((item, continuation))
                guard !state.isCommitting else { return false }
                state.isCommitting = true
                return true
            }
            if startsCommitter {
                Task(executorPreference: executor) { await self.commitUntilDrained() }
            }
        }
    }

    private func commitUntilDrained() async {
        while let batch = nextBatch() {
            load?.recordBatch(size: batch.count)
            do {
                let outcomes = try await commit(batch.map(\.item))
                // A commit must answer every item; one that does not fails them all rather than stopping the process.
                guard outcomes.count == batch.count else { throw GroupCommitError.outcomesMismatch }
                for (waiter, outcome) in zip(batch, outcomes) {
                    waiter.continuation.resume(returning: outcome)
                }
            } catch {
                for waiter in batch {
                    waiter.continuation.resume(throwing: error)
                }
            }
        }
    }

    private func nextBatch() -> [Waiter]? {
        state.withLock { state -> [Waiter]? in
            guard !state.pending.isEmpty else {
                state.isCommitting = false
                return nil
            }
            let count = min(maxBatchSize, state.pending.count)
            let batch = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            return batch
        }
    }
}

/// A commit answered a different number of outcomes than it was given items.
package enum GroupCommitError: Error {
    case outcomesMismatch
}
