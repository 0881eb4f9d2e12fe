import AvaraSupport
import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("--database with a PostgreSQL URL")
struct PostgresURLTests {
    @Test(
        "postgres:// and postgresql:// name a server, user, password, port and database; sslmode defaults to verify-full"
    )
    func fullURL() throws {
        let url = try PostgresURL("postgres://avara:p%40ss%3Aw%2Frd@db.clinic.example:6543/invites")
        #expect(url.host == "db.clinic.example")
        #expect(url.port == 6543)
        #expect(url.username == "avara")
        #expect(url.password == "p@ss:w/rd")
        #expect(url.database == "invites")
        #expect(url.sslMode == .verifyFull)
        #expect(url.schema == nil)

        let other = try PostgresURL("postgresql://avara@[::1]/avara?sslmode=verify-full&schema=avara_prod")
        #expect(other.host == "::1")
        #expect(other.port == 5432)
        #expect(other.password == nil)
        #expect(other.sslMode == .verifyFull)
        #expect(other.schema == "avara_prod")
        #expect(other.preparedStatements, "queries are prepared unless the URL says otherwise")
    }

    @Test("prepared_statements=false turns prepared statements off, and the description says so")
    func preparedStatementsOff() throws {
        let url = try PostgresURL("postgres://avara@db.example/avara?prepared_statements=false")
        #expect(!url.preparedStatements)
        #expect(
            url.description == "postgres://avara@db.example:5432/avara?sslmode=verify-full&prepared_statements=false")
        #expect(try PostgresURL("postgres://avara@db.example/avara?prepared_statements=true").preparedStatements)
    }

    @Test("a server on loopback defaults to sslmode=prefer; any other host to verify-full; the URL's sslmode wins")
    func sslModeDefaults() throws {
        for host in ["localhost", "127.0.0.1", "127.10.0.3", "[::1]", "[::ffff:127.0.0.1]"] {
            #expect(try PostgresURL("postgres://avara@\(host)/avara").sslMode == .prefer, "\(host)")
        }
        for host in ["db.clinic.example", "10.0.0.5", "[2001:db8::5]", "127.0.0.1.evil.example", "localhost.example"] {
            #expect(try PostgresURL("postgres://avara@\(host)/avara").sslMode == .verifyFull, "\(host)")
        }
        #expect(try PostgresURL("postgres://avara@db.clinic.example/avara?sslmode=require").sslMode == .require)
    }

    @Test("without a database name the user's name is the database, as with libpq")
    func databaseDefaultsToUser() throws {
        #expect(try PostgresURL("postgres://clinic@localhost").database == "clinic")
        #expect(try PostgresURL("postgres://clinic@localhost/").database == "clinic")
    }

    @Test("every supported sslmode is accepted", arguments: PostgresURL.SSLMode.allCases)
    func sslModes(mode: PostgresURL.SSLMode) throws {
        let url = try PostgresURL("postgres://u:p@h/d?sslmode=\(mode.rawValue)")
        #expect(url.sslMode == mode)
        _ = try url.clientConfiguration()
    }

    @Test("the password never shows in the description or in errors")
    func passwordHidden() throws {
        let url = try PostgresURL("postgres://avara:hunter2secret@db.example/avara?sslmode=require")
        #expect(url.description == "postgres://avara@db.example:5432/avara?sslmode=require")
        #expect(!"\(try DatabaseLocation("postgres://avara:hunter2secret@db.example/avara"))".contains("hunter2"))
        let error = try #require(throws: ConfigurationError.self) {
            try PostgresURL("postgres://avara:hunter2secret@db.example:99999/avara")
        }
        #expect(!error.description.contains("hunter2"))
    }

    @Test(
        "invalid URLs are refused with a message saying what is wrong",
        arguments: [
            ("postgres://db.example/avara", "has no user name"),
            ("postgres://u@/avara", "has no host"),
            ("postgres://u@db.example:0/avara", "the port must be a number from 1 to 65535"),
            (
                "postgres://u@db.example/avara?sslmode=verify-ca",
                "sslmode must be disable, prefer, require or verify-full"
            ),
            ("postgres://u@db.example/avara?sslmode=allow", "sslmode must be disable, prefer, require or verify-full"),
            ("postgres://u@db.example/avara?connect_timeout=5", "unsupported parameter \"connect_timeout\""),
            ("postgres://u@db.example/avara?schema=Bad-Name", "schema must be a plain identifier"),
            ("postgres://u@db.example/avara?prepared_statements=no", "prepared_statements must be true or false"),
            ("postgres://u@localhost/avara?sslrootcert=/ca.pem", "sslrootcert needs sslmode=verify-full"),
            ("postgres://u@db.example/a/b", "invalid database name"),
            ("postgres://u@db.example/avara#x", "must not have a fragment"),
        ]
    )
    func invalid(text: String, message: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try PostgresURL(text) }
        #expect(error.description.contains(message), "\(error.description)")
        #expect(error.description.contains("--database/AVARA_DATABASE_URL"), "\(error.description)")
    }

    @Test("a file path is SQLite, a postgres URL is PostgreSQL, any other URL is refused")
    func locations() throws {
        #expect(try DatabaseLocation("data/avara.sqlite") == .sqlite(path: "data/avara.sqlite"))
        #expect(try DatabaseLocation("sqlite:avara.sqlite") == .sqlite(path: "avara.sqlite"))
        #expect(try DatabaseLocation("POSTGRESQL://u@h/d") == .postgres(try PostgresURL("postgres://u@h/d")))
        let error = try #require(throws: ConfigurationError.self) { try DatabaseLocation("mysql://u:secret@h/d") }
        #expect(error.description.contains("a SQLite file path or a postgres:// URL"))
        #expect(!error.description.contains("secret"))
    }

    @Test("AVARA_DATABASE_URL selects PostgreSQL; AVARA_OUTBOX_CLAIM sets how long a replica holds its outbox messages")
    func fromEnvironment() throws {
        let configuration = try ServiceConfiguration(environment: [
            "AVARA_DATABASE_URL": "postgres://avara@db.example/avara", "AVARA_OUTBOX_CLAIM": "90s",
        ])
        #expect(try configuration.databaseLocation() == .postgres(try PostgresURL("postgres://avara@db.example/avara")))
        #expect(configuration.outboxClaim == .seconds(90))
        #expect(ServiceConfiguration().outboxClaim == .seconds(300))
        for bad in ["5s", "2h", "soon"] {
            let error = try #require(throws: ConfigurationError.self) {
                try ServiceConfiguration(environment: ["AVARA_OUTBOX_CLAIM": bad])
            }
            #expect(error.description.contains("AVARA_OUTBOX_CLAIM"))
        }
    }
}
