import AvaraCore
import Logging
import ServiceLifecycle

/// One kind of row a ``Purger`` deletes: a name for the logs, and a deletion of at most `limit` rows answering how
/// many it deleted.
package struct PurgeTask: Sendable {
    package var name: String
    package var deleteBatch: @Sendable (_ limit: Int) async throws -> Int

    package init(name: String, deleteBatch: @escaping @Sendable (_ limit: Int) async throws -> Int) {
        self.name = name
        self.deleteBatch = deleteBatch
    }
}

/// The background service that deletes what the database keeps only for a while: expired idempotency records and
/// login-attempt windows, and (after the retention) ended outbox messages and expired sessions.
///
/// Each task deletes in small batches, so that invites, which share the single writer, never wait long; a task that
/// fails is logged and the others still run.
package struct Purger: Service {
    private let tasks: [PurgeTask]
    private let interval: Duration
    private let batchSize: Int
    private let logger: Logger

    /// - Parameters:
    ///   - interval: The pause between passes.
    ///   - batchSize: The most rows one transaction deletes.
    package init(tasks: [PurgeTask], interval: Duration = .seconds(300), batchSize: Int = 1000, logger: Logger) {
        self.tasks = tasks
        self.interval = interval
        self.batchSize = max(1, batchSize)
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await purge()
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Runs every task until it has nothing left to delete.
    ///
    /// - Returns: How many rows each task deleted, by name (a failed task is left out).
    @discardableResult
    package func purge() async -> [String: Int] {
        var deleted: [String: Int] = [:]
        for task in tasks {
            do {
                var total = 0
                while !Task.isShuttingDownGracefully {
                    let batch = try await task.deleteBatch(batchSize)
                    total += batch
                    if batch < batchSize { break }
                }
                deleted[task.name] = total
                if total > 0 { logger.debug("purged", metadata: ["rows": "\(task.name)", "count": "\(total)"]) }
            } catch {
                logger.error("purge failed", metadata: ["rows": "\(task.name)", "error": "\(error)"])
            }
        }
        return deleted
    }
}
