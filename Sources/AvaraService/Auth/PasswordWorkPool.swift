import AvaraCore
import CAvaraSystem
import Foundation
import NIOPosix
import Synchronization

/// The threads that hash passwords, and only that: never the threads of the database (SQLite's readers use NIO's
/// shared pool) or of requests. At most ``threads`` hashes run at once and at most ``maxWaiting`` more wait; past
/// that a hash is refused at once with ``ServiceError/busy(retryAfter:)`` instead of queueing without bound, so a
/// flood of logins slows logins only.
///
/// ```swift
/// let matches = try await PasswordWorkPool.shared.run { Bcrypt.verify(password, hash: hash) }
/// ```
package final class PasswordWorkPool: Sendable {
    /// How many hashes run at once: one per core.
    package let threads: Int
    /// How many more may wait for a thread.
    package let maxWaiting: Int
    private let pool: NIOThreadPool
    private let admitted = Mutex(0)

    /// - Parameters:
    ///   - threads: At most the number of cores is useful: a hash is pure CPU.
    ///   - maxWaiting: Hashes that wait for a thread before more are refused.
    package init(threads: Int, maxWaiting: Int) {
        self.threads = max(1, threads)
        self.maxWaiting = max(0, maxWaiting)
        pool = NIOThreadPool(numberOfThreads: self.threads)
        pool.start()
    }

    /// The service's pool: one thread per core, and 16 waiting per thread.
    package static let shared = PasswordWorkPool(
        threads: ProcessInfo.processInfo.activeProcessorCount,
        maxWaiting: 16 * ProcessInfo.processInfo.activeProcessorCount
    )

    /// Hashes admitted and not finished: running or waiting.
    package var inFlight: Int { admitted.withLock { $0 } }

    /// A place in the pool, held from ``reserve()`` until ``release()``: the work run with it is not admitted again.
    package struct Reservation: Sendable {
        fileprivate let pool: PasswordWorkPool

        /// Runs `work` on one of the pool's threads, in this place.
        package func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
            try await pool.pool.runIfActive {
                // Hashing gives way to requests: a flood of logins uses the cores the requests leave idle, and a
                // list or an invite is not kept waiting behind it (nice 19). One system call, next to a hash's tens
                // of milliseconds.
                _ = avara_lower_thread_priority(19)
                return work()
            }
        }

        /// Gives the place back.
        package func release() {
            pool.admitted.withLock { $0 -= 1 }
        }
    }

    /// Takes a place for one hash, running or waiting.
    ///
    /// - Throws: ``ServiceError/busy(retryAfter:)`` at once when ``threads`` + ``maxWaiting`` places are taken.
    package func reserve() throws -> Reservation {
        let capacity = threads + maxWaiting
        let entered = admitted.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard entered else { throw ServiceError.busy(retryAfter: 1) }
        return Reservation(pool: self)
    }

    /// Runs `work` on one of the pool's threads, in a place of its own.
    ///
    /// - Throws: ``ServiceError/busy(retryAfter:)`` at once when ``threads`` + ``maxWaiting`` hashes are in flight.
    package func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let reservation = try reserve()
        defer { reservation.release() }
        return try await reservation.run(work)
    }
}
