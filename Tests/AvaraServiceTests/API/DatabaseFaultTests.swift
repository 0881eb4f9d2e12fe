import AvaraSupport
import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization
import Testing

@testable import AvaraCore
@testable import AvaraService
@testable import AvaraStorage

/// What the service says when its database cannot do its work, and that it says it to a load balancer too.
@Suite("Database faults")
struct DatabaseFaultTests {
    @Test("a full disk answers 503 storage-full with Retry-After, readiness says so; both recover once there is room")
    func fullDisk() async throws {
        try await TestService.with { service in
            // SQLite answers SQLITE_FULL, as on a full disk, once the file may not grow past its current pages.
            guard service.environment.store.backendName == "sqlite" else { return }
            try await service.app().test(.router) { client in
                let pages = try await service.environment.store.transaction { db in
                    try await db.raw("PRAGMA page_count").first(decodingColumn: "page_count", as: Int.self) ?? 0
                }
                try await service.environment.store.transaction { db in
                    try await db.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages))").run()
                }
                var full: TestResponse?
                for index in 0..<200 {
                    let body = InviteBodies.minimal(.viewer, email: "user\(index)@hospital.org")
                    let response = try await client.invite(.viewer, body, key: service.apiKey)
                    if response.status != .created {
                        full = response
                        break
                    }
                }
                let refused = try #require(full)
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "60")
                #expect(try refused.decode(ProblemBody.self).type == "/problems/storage-full")

                let health = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
                #expect(health.status == .serviceUnavailable)
                #expect(try health.decode(ProblemBody.self).detail.contains("disk is full"))
                let live = try await client.executeRequest(uri: "/health/live", method: .get, headers: [:], body: nil)
                #expect(live.status == .ok, "the process itself is alive")

                try await service.environment.store.transaction { db in
                    try await db.raw("PRAGMA max_page_count = 1073741823").run()
                }
                let invite = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "later@hospital.org"), key: service.apiKey)
                #expect(invite.status == .created)
            }
        }
    }

    @Test("a full disk is reported for a minute after the last write that failed on it")
    func fullDiskWindow() {
        let clock = TestClock()
        let faults = StorageFaults(clock: clock)
        #expect(!faults.isFull)
        #expect(faults.diskFull() == .storageFull(retryAfter: 60))
        clock.advance(by: 59)
        #expect(faults.isFull)
        clock.advance(by: 1)
        #expect(!faults.isFull)
    }

    @Test("--database-timeout is PostgreSQL's deadline: an invite stuck behind a lock answers 503 in time")
    func databaseTimeout() async throws {
        try await TestService.with(configure: { $0.databaseTimeout = .seconds(60) }) { service in
            guard let store = service.environment.store as? PostgresDatabaseStore else { return }
            #expect(store.operationTimeout == .seconds(60))
            // The same service over a store with a deadline of 1 s (only the invite runs under it: the whole test
            // run's load may make the setup's queries slower than that).
            let url = try PostgresURL(service.environment.configuration.database)
            let fast = try await PostgresDatabaseStore.open(
                url: url, operationTimeout: .seconds(1), logger: Logger(label: "test"))
            let environment = service.environment.over(fast)
            // Another connection holds the users table for up to 10 s: without the deadline the invite would wait
            // for it and then succeed.
            let other = try await PostgresDatabaseStore.open(url: url, logger: Logger(label: "test"))
            let (locked, lockTaken) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await other.transaction { db in
                    try await db.raw("LOCK TABLE users IN ACCESS EXCLUSIVE MODE").run()
                    lockTaken.yield()
                    try await Task.sleep(for: .seconds(10))
                }
            }
            for await _ in locked { break }
            try await Application(router: try buildRouter(environment: environment)).test(.router) { client in
                let stuck = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                holder.cancel()
                #expect(stuck.status == .serviceUnavailable)
                #expect(stuck.headers[.retryAfter] == "2")
                #expect(try stuck.decode(ProblemBody.self).type == "/problems/database-unavailable")
            }
            _ = await holder.result
            try await other.close()
            try await fast.close()
        }
    }

    @Test("AVARA_DATABASE_TIMEOUT: default 5s, 1s to 1h")
    func databaseTimeoutConfiguration() throws {
        #expect(try ServiceConfiguration(environment: [:]).databaseTimeout == .seconds(5))
        #expect(
            try ServiceConfiguration(environment: ["AVARA_DATABASE_TIMEOUT": "30s"]).databaseTimeout == .seconds(30))
        for bad in ["0s", "2h", "soon"] {
            #expect(throws: ConfigurationError.self) {
                try ServiceConfiguration(environment: ["AVARA_DATABASE_TIMEOUT": bad])
            }
        }
    }

    @Test("readiness fails when the database does not answer, and when a write does not complete in time")
    func readiness() async throws {
        let unanswering = FaultyStore(reads: .hang, writes: .hang)
        #expect(
            await SQLDatabaseHealth(store: unanswering, readTimeout: .milliseconds(100)).readiness()
                == .databaseUnavailable)
        let stuck = FaultyStore(reads: .answer, writes: .hang)
        #expect(
            await SQLDatabaseHealth(store: stuck, readTimeout: .milliseconds(100), writeTimeout: .milliseconds(100))
                .readiness()
                == .writesStuck
        )
    }
}

/// Readiness asked often: one probe a second at most, shared by every question meanwhile.
@Suite("Readiness under a flood of probes")
struct CachedReadinessTests {
    /// Counts its probes; each takes a little while and answers `answer`.
    final class CountingHealth: DatabaseHealth {
        let probes = Mutex(0)
        let answer = Mutex(Readiness.ready)
        func readiness() async -> Readiness {
            probes.withLock { $0 += 1 }
            try? await Task.sleep(for: .milliseconds(20))
            return answer.withLock { $0 }
        }
    }

    @Test("a hundred concurrent questions cost one probe; the next second costs another, and sees a change")
    func oneProbePerSecond() async {
        let clock = TestClock()
        let probed = CountingHealth()
        let health = CachedDatabaseHealth(probing: probed, clock: clock)
        let answers = await withTaskGroup(of: Readiness.self) { group in
            for _ in 0..<100 { group.addTask { await health.readiness() } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 100 && answers.allSatisfy { $0 == .ready })
        #expect(probed.probes.withLock { $0 } == 1)
        for _ in 0..<50 { _ = await health.readiness() }
        #expect(probed.probes.withLock { $0 } == 1)

        probed.answer.withLock { $0 = .writesStuck }
        clock.advance(by: 0.9)
        #expect(await health.readiness() == .ready, "within a second, the last probe answers")
        clock.advance(by: 0.2)
        #expect(await health.readiness() == .writesStuck)
        #expect(probed.probes.withLock { $0 } == 2)
    }
}

/// A store whose reads and writes hang (until cancelled) or run on nothing.
private struct FaultyStore: DatabaseStore {
    enum Behaviour { case answer, hang }
    let reads: Behaviour
    let writes: Behaviour
    let backendName = "faulty"
    let isSharedBetweenProcesses = false
    let faults = StorageFaults()

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await behave(reads)
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await behave(writes)
    }

    func close() async throws {}

    private func behave<T>(_ behaviour: Behaviour) async throws -> T {
        if behaviour == .hang { try await Task.sleep(for: .seconds(3600)) }
        guard let nothing = () as? T else { throw CancellationError() }
        return nothing
    }
}
