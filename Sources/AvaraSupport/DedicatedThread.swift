import CAvaraSystem
import Foundation
import Synchronization

/// A thread of the service's own, for work that must not queue behind request handling on Swift's cooperative
/// threads, or that must give way to it.
///
/// - ``background``: a thread at a lower priority (nice 10) for rendering and writing mail, so that requests get
///   the cores first. (Not the idle class: a thread the kernel may leave off the CPU for a long while can be
///   holding a lock, the allocator's say, that a request thread then waits for.) It also takes the file
///   transport's blocking I/O, which must never run on the cooperative threads, and keeps it off NIO's shared
///   thread pool, where SQLite's queries run.
/// - ``commits``: the group commit's loop (``GroupCommit``) over a store whose connections do their I/O on event
///   loops (PostgreSQL; SQLite's writer runs it on its own thread, see the storage's `writeExecutor`). Between
///   its database calls it resumes here at once, instead of waiting for a cooperative thread busy parsing and
///   answering requests while every request of the next batch waits for the commit.
///
/// It runs closures (``run(_:)``) and, as a `TaskExecutor`, the jobs of tasks that prefer it:
///
/// ```swift
/// let results = await DedicatedThread.background.run { writeFiles(batch) }
/// Task(executorPreference: DedicatedThread.commits) { await commitLoop() }
/// ```
///
/// Work runs one item at a time, in the order it was submitted. The threads live as long as the process.
package final class DedicatedThread: TaskExecutor, Sendable {
    /// The thread for mail, which gives way to the threads serving requests.
    package static let background = DedicatedThread(name: "avara-mail", priority: .low)
    /// The thread of the group commit's loop, at normal priority.
    package static let commits = DedicatedThread(name: "avara-commits", priority: .normal)

    /// How a thread competes for the cores.
    package enum Priority: Sendable {
        /// Like every other thread.
        case normal
        /// Nice 10: behind the threads at normal priority.
        case low
    }

    private struct Queue {
        var items: [@Sendable () -> Void] = []
    }

    private let queue = Mutex(Queue())
    private let itemsWaiting = DispatchSemaphore(value: 0)

    /// Starts the thread; it lives as long as the process.
    ///
    /// - Parameters:
    ///   - name: The thread's name, as tools such as `top -H` show it.
    ///   - priority: How it competes for the cores.
    package init(name: String, priority: Priority) {
        let thread = Thread { [self] in
            avara_name_thread(name)
            serve(priority: priority)
        }
        thread.start()
    }

    private func serve(priority: Priority) -> Never {
        if priority == .low {
            // Should the system refuse, the thread stays at normal priority: slower invites, nothing wrong.
            _ = avara_lower_thread_priority(10)
        }
        while true {
            itemsWaiting.wait()
            let item = queue.withLock { $0.items.removeFirst() }
            item()
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
