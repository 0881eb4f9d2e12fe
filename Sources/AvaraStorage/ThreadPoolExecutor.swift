import AvaraCore
import NIOPosix

/// Runs the jobs of tasks that prefer it on an `NIOThreadPool`, as work items among the pool's own.
///
/// SQLiteNIO runs every statement of a connection as a work item on the connection's thread pool. When the task
/// issuing the statements prefers an executor over that same pool, and the pool has one thread, the statement and
/// the code around it take turns on that one thread: a transaction of five statements runs without a single
/// thread switch, where it would otherwise hand over to the pool's thread and back once per statement.
///
/// ```swift
/// let executor = ThreadPoolExecutor(pool: writerThreadPool)
/// try await withTaskExecutorPreference(executor) {
///     try await connection.sql().raw("BEGIN IMMEDIATE").run()  // runs on the pool's thread, as does this task
/// }
/// ```
///
/// - Note: A task on this executor must never block its thread waiting for another work item of the pool: that
///   item could only run after it.
package final class ThreadPoolExecutor: TaskExecutor, Sendable {
    private let pool: NIOThreadPool

    /// - Parameter pool: A started pool that outlives every task preferring this executor.
    package init(pool: NIOThreadPool) {
        self.pool = pool
    }

    /// Runs a task's job as a work item of the pool.
    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { _ in
            // An inactive pool still runs its items (as cancelled); the job must run or its task never resumes.
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
