import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Synchronization
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// A clock that stands still until a test moves it.
final class TestClock: ServiceClock {
    private let current: Mutex<Date>

    /// 2026-03-01T09:30:00.250Z unless told otherwise.
    init(_ start: Date = Date(timeIntervalSince1970: 1_772_357_400.25)) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// One service over a fresh database, with a clinic and its API key: a SQLite file in a temporary folder, or, when
/// the suite runs on PostgreSQL (``TestDatabase``), a schema of its own in the test server's database.
///
/// ```swift
/// try await TestService.with { service in
///     try await service.app().test(.router) { client in ... }
/// }
/// ```
struct TestService: Sendable {
    let folder: URL
    let environment: ServiceEnvironment
    let clock: TestClock
    /// "Acme Imaging", whose key is ``apiKey``.
    let clinic: Clinic
    let apiKey: String

    /// Runs `body` with a new service and removes its files afterwards.
    ///
    /// Passwords are hashed at bcrypt's lowest cost unless `passwordCost` says otherwise: the tests are about what a
    /// password opens, and a debug build's cost-12 hash takes half a second of a core (the acceptance test checks
    /// the service's own cost).
    static func with<T>(
        configure: (inout ServiceConfiguration) -> Void = { _ in },
        passwordPool: PasswordWorkPool = .tests,
        passwordCost: UInt8 = 4,
        _ body: (TestService) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("avara-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var configuration = ServiceConfiguration()
        configuration.database = try TestDatabase.fresh(in: folder)
        configuration.outboxDirectory = folder.appendingPathComponent("outbox").path
        configuration.publicURL = "https://avara.example.org"
        // The whole test run shares two cores with PostgreSQL: a request may wait longer than a server's 5 s for
        // its turn without the database being down. Tests of the deadline set their own.
        configuration.databaseTimeout = .seconds(120)
        // Webhook secrets are sealed with it; on PostgreSQL nothing makes one by default.
        configuration.secretKey = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        configure(&configuration)
        let clock = TestClock()
        var logger = Logger(label: "avara-tests")
        logger.logLevel = .warning
        let environment = try await ServiceEnvironment.open(
            configuration: configuration, clock: clock, random: SeededRandom(), passwordPool: passwordPool,
            passwordCost: passwordCost,
            logger: logger
        )
        do {
            let provisioned = try await environment.services.clinics.createClinic(name: "Acme Imaging")
            let service = TestService(
                folder: folder, environment: environment, clock: clock,
                clinic: provisioned.clinic, apiKey: provisioned.apiKey
            )
            let result = try await body(service)
            await TestDatabase.drop(environment)
            return result
        } catch {
            await TestDatabase.drop(environment)
            throw error
        }
    }

    /// The API over this service's database, without background services: tests deliver mail with ``deliverMail()``.
    func app() throws -> some ApplicationProtocol {
        Application(router: try buildRouter(environment: environment))
    }

    /// Another replica over the same database: its caches and buckets are its own.
    func replica() throws -> some ApplicationProtocol {
        Application(router: try buildRouter(environment: environment.over(environment.store)))
    }

    /// Creates another clinic and returns its key.
    func createClinic(_ name: String) async throws -> ClinicService.Provisioned {
        try await environment.services.clinics.createClinic(name: name)
    }

    /// Runs one outbox pass, writing queued mail to the outbox folder.
    @discardableResult
    func deliverMail() async throws -> Int {
        try await environment.outboxDispatcher().deliverDueMessages()
    }

    /// The `.eml` files in the outbox folder.
    func deliveredMail() throws -> [String] {
        let directory = URL(fileURLWithPath: environment.configuration.outboxDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map {
            try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
        }
    }

    /// Everything the database holds, as bytes: the SQLite file, or every row of every table as PostgreSQL prints it.
    func databaseContents() async throws -> Data {
        guard environment.store.backendName == "postgresql" else {
            // Everything committed goes into the file first, as the background checkpoints do sooner or later.
            try await environment.store.read { db in try await db.raw("PRAGMA wal_checkpoint(FULL)").run() }
            return try Data(contentsOf: URL(fileURLWithPath: try environment.configuration.sqlitePath()))
        }
        let tables = ["clinics", "api_keys", "users", "invitations", "outbox", "sessions", "idempotency_outcomes"]
        var text = ""
        for table in tables {
            text += try await strings("SELECT CAST(t AS TEXT) AS row FROM \(table) t", column: "row").joined(
                separator: "\n")
        }
        return Data(text.utf8)
    }

    /// Runs one query returning a single integer, e.g. `SELECT COUNT(*) AS n FROM users`.
    func count(_ sql: String) async throws -> Int {
        try await environment.store.read { db in
            let row = try await db.raw(SQLQueryString(sql)).first()
            return try row?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Runs a query and returns one text column of every row.
    func strings(_ sql: String, column: String) async throws -> [String] {
        try await environment.store.read { db in
            try await db.raw(SQLQueryString(sql)).all().map { try $0.decode(column: column, as: String.self) }
        }
    }
}
