import AvaraCore
import AvaraSupport
import Foundation
import NIOSSL
import PostgresNIO

/// A PostgreSQL server and database, as `--database`/`AVARA_DATABASE_URL` name them.
///
/// ```
/// postgres://avara:secret@db.clinic.example:5432/avara?sslmode=verify-full
/// postgresql://avara@127.0.0.1/avara?sslmode=disable
/// postgres://avara:secret@10.0.0.5/shared?schema=avara_prod
/// ```
///
/// The user name and password are percent-decoded (a `@` in a password is `%40`); the password never appears in
/// ``description``. Query parameters:
/// - `sslmode`: `disable` (plain TCP), `prefer` (TLS when the server offers it, certificate not checked),
///   `require` (TLS, certificate not checked) or `verify-full` (TLS, certificate and host name checked against the
///   system's CA certificates, or `sslrootcert`). `allow` and `verify-ca` are refused. The default is
///   `verify-full`, so that the database's traffic (patients' names and emails) cannot be read or changed on the
///   way; `prefer` for a server on loopback (`localhost`, `127.0.0.1`, `::1`).
/// - `sslrootcert`: a PEM file of CA certificates for `verify-full`.
/// - `schema`: the schema the service keeps its tables in (default: the server's `search_path`, usually `public`),
///   so that several deployments (or tests) can share a database.
/// - `prepared_statements`: `true` (the default: each connection prepares the service's queries once and binds them
///   afterwards) or `false` (every query parsed and planned again, for a connection pooler that does not keep
///   prepared statements, such as PgBouncer before 1.21 in transaction mode).
package struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected (libpq's `sslmode` values).
    package enum SSLMode: String, Sendable, Equatable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyFull = "verify-full"
    }

    package var host: String
    package var port: Int
    package var username: String
    package var password: String?
    package var database: String
    package var sslMode: SSLMode
    package var rootCertificateFile: String?
    package var schema: String?
    package var preparedStatements = true

    private static let option = "--database/AVARA_DATABASE_URL"

    /// Whether `text` names a PostgreSQL server rather than a SQLite file.
    package static func isPostgres(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    ///
    /// - Throws: ``ConfigurationError`` naming what is wrong, never echoing the password.
    package init(_ text: String) throws(ConfigurationError) {
        let option = Self.option
        guard Self.isPostgres(text), let schemeEnd = text.range(of: "://") else {
            throw ConfigurationError(
                "\(option) must start with postgres:// or postgresql://, got \"\(URLAuthority.redacted(text))\"")
        }
        let rest = text[schemeEnd.upperBound...]
        guard !rest.contains("#") else { throw ConfigurationError("\(option) must not have a fragment (#)") }
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        let beforeQuery = rest[..<queryStart]
        let authorityEnd = beforeQuery.firstIndex(of: "/") ?? beforeQuery.endIndex
        let authority = try URLAuthority(beforeQuery[..<authorityEnd], option: option)
        guard let username = authority.username, !username.isEmpty else {
            throw ConfigurationError("\(option) has no user name (write postgres://user:password@host:5432/database)")
        }
        self.username = username
        password = authority.password
        host = authority.host
        port = authority.port ?? 5432
        let path = beforeQuery[authorityEnd...].drop { $0 == "/" }
        let database = try URLAuthority.percentDecoded(path, part: "database name", option: option)
        guard !database.contains("/") else {
            throw ConfigurationError("\(option): invalid database name \"\(database)\"")
        }
        self.database = database.isEmpty ? username : database
        sslMode = URLAuthority.isLoopback(host) ? .prefer : .verifyFull

        let query = queryStart < rest.endIndex ? rest[rest.index(after: queryStart)...] : ""
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = try URLAuthority.percentDecoded(parts.count > 1 ? parts[1] : "", part: name, option: option)
            switch name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw ConfigurationError(
                        "\(option): sslmode must be disable, prefer, require or verify-full, got \"\(value)\""
                    )
                }
                sslMode = mode
            case "sslrootcert":
                rootCertificateFile = value
            case "schema":
                guard Self.isIdentifier(value) else {
                    throw ConfigurationError(
                        "\(option): schema must be a plain identifier (lowercase letters, digits, _), got \"\(value)\"")
                }
                schema = value
            case "prepared_statements":
                guard let prepared = Bool(value) else {
                    throw ConfigurationError("\(option): prepared_statements must be true or false, got \"\(value)\"")
                }
                preparedStatements = prepared
            default:
                throw ConfigurationError(
                    "\(option): unsupported parameter \"\(name)\""
                        + " (supported: sslmode, sslrootcert, schema, prepared_statements)")
            }
        }
        if rootCertificateFile != nil, sslMode != .verifyFull {
            throw ConfigurationError("\(option): sslrootcert needs sslmode=verify-full")
        }
    }

    /// The URL without the password: `postgres://avara@db.clinic.example:5432/avara?sslmode=prefer`.
    package var description: String {
        var text =
            "postgres://\(username)@\(URLAuthority.hostAndPort(host, port))/\(database)?sslmode=\(sslMode.rawValue)"
        if let schema { text += "&schema=\(schema)" }
        if !preparedStatements { text += "&prepared_statements=false" }
        return text
    }

    /// The configuration of a `PostgresClient` connecting as this URL says.
    ///
    /// - Parameter maximumConnections: The most connections the client's pool opens.
    package func clientConfiguration(maximumConnections: Int = 20) throws -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: try tls()
        )
        configuration.options.maximumConnections = max(1, maximumConnections)
        if let schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        return configuration
    }

    private func tls() throws -> PostgresClient.Configuration.TLS {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        switch sslMode {
        case .disable:
            return .disable
        case .prefer:
            return .prefer(unchecked)
        case .require:
            return .require(unchecked)
        case .verifyFull:
            var verified = TLSConfiguration.makeClientConfiguration()
            if let rootCertificateFile {
                verified.trustRoots = .file(rootCertificateFile)
            }
            return .require(verified)
        }
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63 else { return false }
        let letter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || $0 == "_" }
        return letter(first) && text.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }
}
