import AvaraCore
import Logging
import SQLKit
import SQLiteKit

/// Copies the write-ahead log back into the database file from a connection of its own, every `interval`.
///
/// Left to itself, SQLite checkpoints inside the commit that crosses 1,000 WAL pages: every few dozen batches,
/// one group of invites would wait for a few thousand page writes. Passive checkpoints on another connection
/// never block the writer or readers; the writer's own automatic checkpoint stays as a safety net at a higher
/// threshold (``SQLiteDatabaseStore``).
package final class SQLiteCheckpointer: Sendable {
    private let connection: SQLiteConnection
    private let task: Task<Void, Never>

    /// Starts checkpointing over `connection`, which it closes in ``stop()``.
    package init(connection: SQLiteConnection, interval: Duration, logger: Logger) {
        self.connection = connection
        task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                do {
                    try await connection.sql().raw("PRAGMA wal_checkpoint(PASSIVE)").run()
                } catch {
                    // The next round tries again; the writer's own checkpoint bounds the log meanwhile.
                    logger.debug("WAL checkpoint failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Stops checkpointing and closes the connection.
    package func stop() async throws {
        task.cancel()
        await task.value
        try await connection.close()
    }
}
