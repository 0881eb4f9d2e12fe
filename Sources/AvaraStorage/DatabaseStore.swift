import AvaraCore
import AvaraSupport
import SQLKit

/// The service's database: plain reads, and write transactions that commit or roll back as a whole.
///
/// Repositories take a ``DatabaseStore`` and express their queries with SQLKit, so the same SQL runs on every
/// backend. ``SQLiteDatabaseStore`` is the embedded default; ``PostgresDatabaseStore`` serves several replicas of
/// the service at once.
package protocol DatabaseStore: Sendable {
    /// The backend's name for logs and diagnostics: `sqlite` or `postgresql`.
    var backendName: String { get }

    /// Whether several processes may use the database at the same time (PostgreSQL), rather than this one process
    /// alone (SQLite). Work claimed by a process that died is then only taken over once its claim expires.
    var isSharedBetweenProcesses: Bool { get }

    /// What the store learnt of its disk (a full disk), for readiness.
    var faults: StorageFaults { get }

    /// Where write transactions run, and the group commit's loop around them (``GroupCommit``).
    ///
    /// A store whose connection runs its statements on a thread of its own gives that thread's executor, so that
    /// a transaction runs without a thread switch per statement.
    var writeExecutor: any TaskExecutor { get }

    /// Runs read-only queries. They see the last committed state and never block writers.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// `body` may run more than once when the database aborts a transaction to resolve a conflict with another
    /// (a deadlock or serialization failure): it must not have effects outside the database.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in a transaction that holds `lock` against every other process using the database, until it
    /// commits or rolls back: what two replicas starting together must not both do (migrate, create the first
    /// clinic).
    func transaction<T: Sendable>(
        holding lock: DatabaseLock, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T

    /// Closes every connection. No call may follow.
    func close() async throws
}

/// The named locks of ``DatabaseStore/transaction(holding:_:)``.
package enum DatabaseLock: Int32, Sendable {
    /// Applying migrations.
    case migrations = 0x4156_0001
    /// Creating the first clinic of an empty database.
    case firstClinic = 0x4156_0002
}

extension DatabaseStore {
    /// A thread of the service's own (``DedicatedThread/commits``), for stores whose connections do their I/O on
    /// event loops.
    package var writeExecutor: any TaskExecutor { DedicatedThread.commits }

    /// SQLite: every write transaction already excludes every other (`BEGIN IMMEDIATE`), in this process and in any
    /// other, so holding `lock` needs nothing more.
    package func transaction<T: Sendable>(
        holding lock: DatabaseLock, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await transaction(body)
    }
}
