import Dispatch
import Synchronization

/// Whether invites are queueing for their commits: the sign that the database writer, which invites and the
/// outbox share, is the bottleneck, so that background work (mail) should wait.
///
/// ``GroupCommit`` records the size of each batch it commits; a batch of several invites means that they waited
/// for the commit before theirs. The mail adapter's outbox dispatcher holds mail back while the writer is saturated
/// (up to a limit), and a burst of invites is answered at full speed with its mail right after it.
///
/// The writer counts as saturated for a while (`window`) after each large batch, not only until the next batch:
/// under a steady burst, batch sizes swing from one commit to the next, and the small batches between large ones
/// must not let mail in.
package final class WriterLoad: Sendable {
    /// Batches of at least this many invites mean the writer is saturated.
    package let saturatedBatchSize: Int
    private let window: UInt64
    private let now: @Sendable () -> UInt64
    /// When the last batch of at least ``saturatedBatchSize`` was committed, in `now`'s nanoseconds; 0 for never.
    private let lastSaturatedBatchAt = Atomic<UInt64>(0)

    /// - Parameters:
    ///   - saturatedBatchSize: From which batch size on the writer counts as saturated.
    ///   - window: How long the writer counts as saturated after such a batch.
    ///   - now: The time in nanoseconds, from any fixed origin; monotonic time unless a test injects its own.
    package init(
        saturatedBatchSize: Int = 4, window: Duration = .milliseconds(100),
        now: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        self.saturatedBatchSize = saturatedBatchSize
        self.window =
            UInt64(window.components.seconds) * 1_000_000_000
            + UInt64(window.components.attoseconds / 1_000_000_000)
        self.now = now
    }

    /// Records a committed batch of `size` items.
    package func recordBatch(size: Int) {
        guard size >= saturatedBatchSize else { return }
        lastSaturatedBatchAt.store(max(1, now()), ordering: .relaxed)
    }

    /// Whether a batch large enough to mean saturation was committed within the last `window`.
    package var isSaturated: Bool {
        let last = lastSaturatedBatchAt.load(ordering: .relaxed)
        return last != 0 && now() &- last < window
    }
}
