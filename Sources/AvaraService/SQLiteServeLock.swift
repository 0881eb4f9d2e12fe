import AvaraCore
import AvaraSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one `avara serve` of a SQLite database: an exclusive lock on `<database>.serve-lock`, held for as long as
/// the process lives (the system drops it when the process ends, however it ends).
///
/// A SQLite file has one server: its outbox dispatcher takes over whatever its predecessor had claimed, so two
/// servers on one file would both deliver. The second `serve` is refused at start; commands that only read or
/// change data (`avara keys`, `avara clinics`) take no lock. Several replicas need PostgreSQL.
package final class SQLiteServeLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock of the database at `path`.
    ///
    /// - Throws: ``ConfigurationError`` when another process holds it, or the lock file cannot be made.
    package init(databasePath path: String) throws {
        let lockPath = path + ".serve-lock"
        // The database's folder, which opening the database would create a moment later.
        try? FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true
        )
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ConfigurationError("cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ConfigurationError(
                "another avara serve is running on \(path): a SQLite database has one server (use PostgreSQL for several replicas)"
            )
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
