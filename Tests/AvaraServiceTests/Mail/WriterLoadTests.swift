import Foundation
import Logging
import Synchronization
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Mail gives way to a burst of invites")
struct WriterLoadTests {
    @Test("the writer counts as saturated after a batch of queued invites, not after single ones")
    func saturation() {
        let clock = NanosecondClock()
        let load = WriterLoad(saturatedBatchSize: 4, window: .milliseconds(100), now: { clock.now })
        #expect(!load.isSaturated, "nothing committed yet")
        load.recordBatch(size: 1)
        #expect(!load.isSaturated)
        load.recordBatch(size: 12)
        #expect(load.isSaturated)
    }

    @Test("small batches between large ones do not end the saturation, a quiet window does")
    func saturationLastsAWindow() {
        let clock = NanosecondClock()
        let load = WriterLoad(saturatedBatchSize: 4, window: .milliseconds(100), now: { clock.now })
        load.recordBatch(size: 12)
        clock.advance(milliseconds: 60)
        load.recordBatch(size: 2)
        #expect(load.isSaturated, "a small batch 60 ms after a large one")
        clock.advance(milliseconds: 39)
        #expect(load.isSaturated, "99 ms after the large batch")
        clock.advance(milliseconds: 1)
        #expect(!load.isSaturated, "100 ms after the large batch, with only a small one since")
        load.recordBatch(size: 4)
        #expect(load.isSaturated, "a new large batch")
    }

    @Test("the group commit reports the size of each batch")
    func groupCommitReports() async throws {
        let load = WriterLoad(saturatedBatchSize: 2)
        let commits = GroupCommit<Int, Int>(maxBatchSize: 8, load: load) { batch in batch.map { $0 * 2 } }
        #expect(try await commits.submit(21) == 42)
        #expect(!load.isSaturated, "a batch of one")
    }

    @Test("while the writer stays saturated, mail still goes out after the longest deferral")
    func deferralIsBounded() async throws {
        try await TestService.with { service in
            try await OutboxDispatcherTests.inviteOne(service)
            let load = WriterLoad(saturatedBatchSize: 1)
            let transport = RecordingTransport()
            let dispatcher = OutboxDispatcher(
                outbox: service.environment.outbox, transport: transport, templates: service.environment.templates,
                clock: service.clock, writerLoad: load, maxDeferral: .milliseconds(200), logger: Logger(label: "test")
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await dispatcher.run() }
                // Invites keep queueing, as in a burst that never ends; the message is delivered all the same.
                var delivered = 0
                for _ in 0..<1_000 where delivered == 0 {
                    load.recordBatch(size: 10)
                    try await Task.sleep(for: .milliseconds(10))
                    delivered = transport.deliveries.withLock { $0.count }
                }
                group.cancelAll()
                #expect(delivered == 1)
            }
        }
    }
}

/// A settable time source for ``WriterLoad``, in nanoseconds.
private final class NanosecondClock: Sendable {
    private let nanoseconds = Atomic<UInt64>(1_000_000_000)

    var now: UInt64 { nanoseconds.load(ordering: .relaxed) }

    func advance(milliseconds: UInt64) {
        nanoseconds.add(milliseconds * 1_000_000, ordering: .relaxed)
    }
}
