import CAvaraSystem
import Foundation
import Synchronization

/// A thread of the service's own, for work that must not queue behind request handling on Swift's cooperative
/// threads, or that must give way to it.
///
/// - ``background``: a low-priority thread for rendering and writing mail. Under a burst of invites the requests
///   get the cores and the outbox waits; once the burst is over the mail goes out at full speed. It also takes the
///   file transport's blocking I/O, which must never run on the cooperative threads, and keeps it off NIO's shared
///   thread pool, where SQLite's queries run.
/// - ``commits``: the group commit's loop (``GroupCommit``). Between its database calls it resumes here at once,
///   instead of waiting for a cooperative thread busy parsing and answering requests while every request of the
///   next batch waits for the commit.
///
/// It runs closures (``run(_:)-(()->T)``) and, as a `TaskExecutor`, the jobs of tasks that prefer it:
///
/// ```swift
/// let written = try await DedicatedThread.background.run { try writeFiles(batch) }
/// Task(executorPreference: DedicatedThread.commits) { await commitLoop() }
/// ```
///
/// Work runs one item at a time, in the order it was submitted. The threads live as long as the process.
package final class DedicatedThread: TaskExecutor, Sendable {
    /// The thread for mail: nice 10, so that it gives way to the threads serving requests.
    package static let background = DedicatedThread(name: "avara-mail", niceness: 10)
    /// The thread of the group commit's loop, at normal priority.
    package static let commits = DedicatedThread(name: "avara-commits", niceness: 0)

    private struct Queue {
        var items: [@Sendable () -> Void] = []
    }

    private let queue = Mutex(Queue())
    private let itemsWaiting = DispatchSemaphore(value: 0)

    /// Starts the thread; it lives as long as the process.
    ///
    /// - Parameters:
    ///   - name: The thread's name, as tools such as `top -H` show it.
    ///   - niceness: Its nice value, 0 to 19: the higher, the more it gives way to other threads.
    package init(name: String, niceness: Int32) {
        let thread = Thread { [self] in serve(niceness: niceness) }
        thread.name = name
        thread.start()
    }

    private func serve(niceness: Int32) -> Never {
        _ = avara_lower_thread_priority(niceness)
        while true {
            itemsWaiting.wait()
            let item = queue.withLock { $0.items.removeFirst() }
            item()
        }
    }

    /// Runs `body` on the thread and returns its result.
    package func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs `body` on the thread and returns its result.
    package func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: body()) }
        }
    }

    /// Runs a task's job on the thread (for tasks that prefer this executor).
    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        submit { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    private func submit(_ item: @escaping @Sendable () -> Void) {
        queue.withLock { $0.items.append(item) }
        itemsWaiting.signal()
    }
}
