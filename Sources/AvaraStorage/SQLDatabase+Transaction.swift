import AvaraCore
import Logging
import SQLKit

extension SQLDatabase {
    /// Runs `body` on this connection between `begin` and `COMMIT`; when `body` (or the commit) throws, rolls back
    /// and rethrows.
    ///
    /// - Parameters:
    ///   - begin: The statement opening the transaction, e.g. `BEGIN IMMEDIATE` on SQLite.
    ///   - logger: Receives a rollback that fails (the original error is rethrown either way).
    ///   - connectionLost: Whether an error means the connection is gone: then there is nothing to roll back (the
    ///     server does it), and a `ROLLBACK` sent on a closing connection could wait for ever.
    package func inTransaction<T>(
        begin: SQLQueryString = "BEGIN", logger: Logger, connectionLost: (any Error) -> Bool = { _ in false },
        _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await raw(begin).run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            if connectionLost(error) { throw error }
            do {
                try await raw("ROLLBACK").run()
            } catch let rollbackError {
                logger.error("rollback failed", metadata: ["error": "\(rollbackError)"])
            }
            throw error
        }
    }
}
