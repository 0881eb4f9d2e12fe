import AvaraCore
import AvaraMail
import AvaraStorage
import Logging
import ServiceLifecycle

/// The background service that deletes idempotency records once their 24 hours are up.
///
/// Expired records are already ignored when looked up, and a key whose record expired can be used again at once;
/// purging only keeps the table from growing. Each pass deletes in small batches so that invites, which share the
/// single writer, never wait long.
package struct IdempotencyPurger: Service {
    private let repository: any IdempotencyRepository
    private let clock: any ServiceClock
    private let interval: Duration
    private let batchSize: Int
    private let logger: Logger

    /// - Parameters:
    ///   - interval: The pause between passes.
    ///   - batchSize: The most records one transaction deletes.
    package init(
        repository: any IdempotencyRepository,
        clock: any ServiceClock,
        interval: Duration = .seconds(300),
        batchSize: Int = 1000,
        logger: Logger
    ) {
        self.repository = repository
        self.clock = clock
        self.interval = interval
        self.batchSize = max(1, batchSize)
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await purgeExpired()
            } catch {
                logger.error("idempotency purge failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Deletes every record expired at the clock's current time, batch by batch.
    ///
    /// - Returns: How many records were deleted.
    @discardableResult
    package func purgeExpired() async throws -> Int {
        let now = clock.now()
        var total = 0
        while !Task.isShuttingDownGracefully {
            let deleted = try await repository.purgeExpired(now: now, limit: batchSize)
            total += deleted
            if deleted < batchSize { break }
        }
        if total > 0 {
            logger.debug("purged expired idempotency keys", metadata: ["count": "\(total)"])
        }
        return total
    }
}
