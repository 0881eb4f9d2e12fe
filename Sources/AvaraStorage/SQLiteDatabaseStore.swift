import AvaraCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// The embedded backend: one SQLite file in WAL mode.
///
/// Writes go through a single connection, one transaction at a time (SQLite allows one writer); reads use
/// separate connections and, thanks to WAL, never wait for a writer.
///
/// The writer runs its statements on a thread of its own (shared by the writers of every store of the process), so
/// a write never queues behind reads or network I/O, and its transactions run on that same thread between their
/// statements (``writeExecutor``): a transaction never waits for another thread to take it up. Every invite waits
/// for the write that commits it, so a write held up is an invite held up.
///
/// ```swift
/// let store = try await SQLiteDatabaseStore.open(path: "avara.sqlite", logger: logger)
/// try await store.transaction { db in try await db.raw("DELETE FROM users").run() }
/// ```
package final class SQLiteDatabaseStore: DatabaseStore {
    package let backendName = "sqlite"
    package let isSharedBetweenProcesses = false
    /// The file's path.
    package let path: String

    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let checkpointer: SQLiteCheckpointer
    private let nextReader = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)
    private let writeLock = AsyncLock()
    private let logger: Logger

    private init(
        path: String, writer: SQLiteConnection, readers: [SQLiteConnection], checkpointer: SQLiteCheckpointer,
        logger: Logger
    ) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.checkpointer = checkpointer
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path`.
    ///
    /// - Parameters:
    ///   - path: The SQLite file. Its folder must exist.
    ///   - readerCount: How many read connections to keep open.
    ///   - checkpointInterval: How often the log is copied into the database file (``SQLiteCheckpointer``). Small
    ///     checkpoints keep the invites' commits smooth: under load, every 20 ms gave a p99 of 17 ms, every 100 ms
    ///     20 ms and every second 23-30 ms (see BENCHMARKS.md).
    ///   - logger: Receives SQL at debug level.
    package static func open(
        path: String, readerCount: Int = 2, checkpointInterval: Duration = .milliseconds(20), logger: Logger
    ) async throws -> SQLiteDatabaseStore {
        try restrictPermissions(ofDatabaseAt: path)
        let writer = try await openConnection(
            path: path, logger: logger, threadPool: Self.writerThreadPool, on: Self.writerEventLoop
        )
        var opened = [writer]
        do {
            // WAL: readers never block the writer. synchronous=FULL: a transaction is on disk when COMMIT returns,
            // so every 201 survives a power cut, not only a crash of the process.
            try await writer.sql().raw("PRAGMA journal_mode=WAL").run()
            try await writer.sql().raw("PRAGMA synchronous=FULL").run()
            try await writer.sql().raw("PRAGMA foreign_keys=ON").run()
            // A small page cache (2 MiB, SQLite's default), on purpose: a commit that follows a B-tree split walks
            // the whole cache (SQLite renumbers split pages through a page number past the end of the file, and
            // drops cached pages past the end at commit). With 64 MiB this walk was 13 % of the writer's time under
            // load; pages the cache misses come from the operating system's cache (BENCHMARKS.md).
            try await writer.sql().raw("PRAGMA cache_size=-2000").run()
            // A multi-row INSERT keeps a statement journal of the pages it changes, so that a failing row can undo
            // the statement alone; kept in memory it never spills to a temporary file (each batch would write one).
            try await writer.sql().raw("PRAGMA temp_store=MEMORY").run()
            // An outbox message holds its invitation link until it is sent, then the row is cleared: zero the bytes
            // a change frees, or the token could stay readable in the file's free space.
            try await writer.sql().raw("PRAGMA secure_delete=ON").run()
            // Checkpoints are the checkpointer's job; the writer does one itself only if the log grows past 40 MiB.
            try await writer.sql().raw("PRAGMA wal_autocheckpoint=10000").run()
            var readers: [SQLiteConnection] = []
            for _ in 0..<max(1, readerCount) {
                let reader = try await openConnection(path: path, logger: logger)
                opened.append(reader)
                readers.append(reader)
                try await reader.sql().raw("PRAGMA query_only=ON").run()
            }
            let checkpointer = SQLiteCheckpointer(
                connection: try await openConnection(path: path, logger: logger), interval: checkpointInterval,
                logger: logger
            )
            return SQLiteDatabaseStore(
                path: path, writer: writer, readers: readers, checkpointer: checkpointer, logger: logger
            )
        } catch {
            for connection in opened {
                try? await connection.close()
            }
            throw error
        }
    }

    /// The thread the writers' statements run on; it lives as long as the process.
    private static let writerThreadPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// The event loop of the writers' connections, where SQLiteNIO completes calls made through `EventLoopFuture`s
    /// (the store's own async calls resume on ``writerExecutor`` instead); it lives as long as the process.
    private static let writerEventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1).next()

    /// Write transactions run on the writers' thread itself, between their statements.
    private static let writerExecutor = ThreadPoolExecutor(pool: writerThreadPool)

    package var writeExecutor: any TaskExecutor { Self.writerExecutor }

    /// Makes the database file readable and writable by its owner only (`0600`), creating it if needed, whatever
    /// the umask: it holds people's names, emails, phone numbers and NPIs. SQLite gives the `-wal` and `-shm` files
    /// it creates the database file's permissions; ones left by an earlier version are restricted too.
    private static func restrictPermissions(ofDatabaseAt path: String) throws {
        let files = FileManager.default
        let ownerOnly: [FileAttributeKey: Any] = [.posixPermissions: 0o600]
        if !files.fileExists(atPath: path), !files.createFile(atPath: path, contents: nil, attributes: ownerOnly) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
            try files.setAttributes(ownerOnly, ofItemAtPath: file)
        }
    }

    private static func openConnection(
        path: String, logger: Logger, threadPool: NIOThreadPool = .singleton, on eventLoop: (any EventLoop)? = nil
    ) async throws -> SQLiteConnection {
        try await SQLiteConnection.open(
            storage: .file(path: path),
            threadPool: threadPool,
            logger: logger,
            on: eventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        )
    }

    package let faults = StorageFaults()

    package func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await body(readers[index % readers.count].sql())
    }

    package func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let database = writer.sql()
        do {
            return try await withTaskExecutorPreference(Self.writerExecutor) {
                try await writeLock.withLock {
                    try await database.inTransaction(begin: "BEGIN IMMEDIATE", logger: logger, body)
                }
            }
        } catch let error as SQLiteError where error.reason == .full {
            throw faults.diskFull()
        }
    }

    /// Closes every connection; later calls do nothing.
    ///
    /// Every connection is closed even when one fails to close (the first error is rethrown), and even when the
    /// calling task is cancelled (SQLiteNIO's close gives up in a cancelled task): an open connection must never
    /// outlive the store.
    package func close() async throws {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        let connections = readers + [writer]
        try await Task { [writeLock, checkpointer] in
            try await writeLock.withLock {
                var firstError: (any Error)?
                do {
                    try await checkpointer.stop()
                } catch {
                    firstError = error
                }
                for connection in connections {
                    do {
                        try await connection.close()
                    } catch {
                        firstError = firstError ?? error
                    }
                }
                if let firstError { throw firstError }
            }
        }.value
    }
}
