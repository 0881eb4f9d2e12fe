import AvaraCore
import AvaraStorage
import AvaraSupport
import Foundation
import Logging

/// Which database the service uses, as `--database`/`AVARA_DATABASE_URL` name it.
///
/// ```
/// avara.sqlite, data/avara.sqlite, sqlite:avara.sqlite     a SQLite file (created when missing)
/// postgres://user:pass@host:5432/db?sslmode=verify-full    a PostgreSQL database (also postgresql://)
/// ```
package enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    /// Parses the `--database` value.
    package init(_ text: String) throws {
        if PostgresURL.isPostgres(text) {
            self = .postgres(try PostgresURL(text))
        } else if text.contains("://") {
            throw ConfigurationError(
                "--database/AVARA_DATABASE_URL must be a SQLite file path or a postgres:// URL, got \"\(URLAuthority.redacted(text))\""
            )
        } else {
            self = .sqlite(path: text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text)
        }
    }

    /// The location for logs: the file's path, or the URL without its password.
    package var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.description
        }
    }

    /// Opens the store, creating the SQLite file's folder when needed. The schema is not migrated yet (see
    /// ``Migrator``).
    ///
    /// - Parameter operationTimeout: PostgreSQL's deadline for each read or transaction (see
    ///   ``ServiceConfiguration/databaseTimeout``).
    package func open(operationTimeout: Duration, logger: Logger) async throws -> any DatabaseStore {
        switch self {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try await SQLiteDatabaseStore.open(path: path, logger: logger)
        case .postgres(let url):
            return try await PostgresDatabaseStore.open(url: url, operationTimeout: operationTimeout, logger: logger)
        }
    }
}
