import Avara
import AvaraCore
import AvaraMail
import AvaraService
import AvaraStorage
import AvaraTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// The real service, in process, listening on a free loopback port, with a clinic and its key: what the SDK
/// talks to in these tests.
struct LiveService: Sendable {
    let environment: ServiceEnvironment
    let apiKey: String
    let baseURL: URL

    /// Starts a service over a fresh database (see ``TestDatabase``), runs `body` with it, and stops it.
    static func run<T: Sendable>(
        configure: (inout ServiceConfiguration) throws -> Void = { _ in },
        _ body: @Sendable (LiveService) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("avara-sdk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServiceConfiguration()
        configuration.port = 0
        configuration.database = try TestDatabase.fresh(in: folder)
        configuration.outboxDirectory = folder.appendingPathComponent("outbox").path
        // As in the service's tests: the run's load is not a database outage.
        configuration.databaseTimeout = .seconds(120)
        // What seals webhook secrets: on PostgreSQL there is no key file beside the database.
        configuration.secretKey = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        try configure(&configuration)
        var logger = Logger(label: "avara-sdk-tests")
        logger.logLevel = .warning
        // bcrypt's lowest cost, as in the service's tests: these are about what a password opens, not hashing.
        let environment = try await ServiceEnvironment.open(
            configuration: configuration, passwordPool: .tests, passwordCost: 4, logger: logger
        )
        let clinic = try await environment.services.clinics.createClinic(name: "Acme Imaging")
        do {
            let app = try buildApplication(environment: environment)
            let result = try await app.test(.live) { client in
                let port = try #require(client.port)
                let service = LiveService(
                    environment: environment, apiKey: clinic.apiKey, baseURL: URL(string: "http://localhost:\(port)")!
                )
                return try await body(service)
            }
            await TestDatabase.drop(environment)
            return result
        } catch {
            await TestDatabase.drop(environment)
            throw error
        }
    }

    /// A client of this service; retries wait 1 ms instead of 0.5 s so tests stay fast. It sends with
    /// ``NIOHTTPTransport`` unless told otherwise (see there why not `URLSession`).
    func client(apiKey: String? = nil, transport: any AvaraTransport = NIOHTTPTransport()) -> AvaraClient {
        AvaraClient(
            apiKey: apiKey ?? self.apiKey, baseURL: baseURL,
            configuration: .init(retry: RetryPolicy(initialDelay: .milliseconds(1), maxDelay: .milliseconds(4))),
            transport: transport
        )
    }

    /// Runs one query returning a single integer column `n`.
    func count(_ sql: String) async throws -> Int {
        try await environment.store.read { db in
            try await db.raw(SQLQueryString(sql)).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    /// Waits until nothing is queued in the outbox (the service's background outbox, or a pass made here, delivered
    /// it) and returns the `.eml` files in the outbox folder.
    func deliveredMail() async throws -> [URL] {
        for _ in 0..<200 {
            try await environment.outboxDispatcher().deliverDueMessages()
            if try await environment.outbox.count(status: .queued) == 0 { break }
            // Claimed by the background outbox, which is writing it now.
            try await Task.sleep(for: .milliseconds(50))
        }
        let folder = URL(fileURLWithPath: environment.configuration.outboxDirectory)
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "eml" }
    }
}
