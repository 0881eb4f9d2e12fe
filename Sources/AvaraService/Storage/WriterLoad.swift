import Dispatch
import Synchronization

/// Whether invites are queueing for their commits: the sign that the database writer, which invites and the
/// outbox share, is the bottleneck, so that background work (mail) should wait.
///
/// ``GroupCommit`` records the size of each batch it commits; a batch of several invites means that they waited
/// for the commit before theirs. ``OutboxDispatcher`` holds mail back while the writer is saturated (up to a
/// limit), and a burst of invites is answered at full speed with its mail right after it.
package final class WriterLoad: Sendable {
    /// Batches of at least this many invites mean the writer is saturated.
    package let saturatedBatchSize: Int
    private let lastBatchSize = Atomic<Int>(0)
    private let lastBatchAt = Atomic<UInt64>(0)

    /// - Parameter saturatedBatchSize: From which batch size on the writer counts as saturated.
    package init(saturatedBatchSize: Int = 4) {
        self.saturatedBatchSize = saturatedBatchSize
    }

    /// Records a committed batch of `size` items.
    package func recordBatch(size: Int) {
        lastBatchSize.store(size, ordering: .relaxed)
        lastBatchAt.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
    }

    /// Whether the last batch, committed within the last 100 ms, was large enough to mean saturation.
    package var isSaturated: Bool {
        let age = DispatchTime.now().uptimeNanoseconds &- lastBatchAt.load(ordering: .relaxed)
        return age < 100_000_000 && lastBatchSize.load(ordering: .relaxed) >= saturatedBatchSize
    }
}
