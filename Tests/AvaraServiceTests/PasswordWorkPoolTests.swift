import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import AvaraCore
@testable import AvaraService

/// Password hashing has threads of its own and a bounded queue.
@Suite("The password hashing pool")
struct PasswordWorkPoolTests {
    @Test("past its threads and its queue, a hash is refused at once with busy, and taken again once there is room")
    func boundedQueue() async throws {
        let pool = PasswordWorkPool(threads: 1, maxWaiting: 1)
        let gate = Gate()
        // One hash holds the thread and one waits: the pool is full.
        let running = Task { try await pool.run { gate.wait() } }
        let waiting = Task { try await pool.run { gate.wait() } }
        while pool.inFlight < 2 { await Task.yield() }
        await #expect(throws: ServiceError.busy(retryAfter: 1)) {
            try await pool.run { 1 }
        }
        gate.open()
        try await running.value
        try await waiting.value
        #expect(pool.inFlight == 0)
        #expect(try await pool.run { 42 } == 42)
    }

    @Test("bcrypt runs there: a hash made on the pool verifies, and a busy pool refuses a login's check")
    func bcryptOnThePool() async throws {
        let pool = PasswordWorkPool(threads: 1, maxWaiting: 0)
        let hasher = BcryptPasswordHasher(cost: 4, pool: pool)
        let hash = try await hasher.hash("correct horse battery")
        #expect(try await hasher.verify("correct horse battery", hash: hash))
        let gate = Gate()
        let holder = Task { try await pool.run { gate.wait() } }
        while pool.inFlight < 1 { await Task.yield() }
        await #expect(throws: ServiceError.busy(retryAfter: 1)) {
            try await hasher.verify("correct horse battery", hash: hash)
        }
        gate.open()
        try await holder.value
    }

    @Test("through the API, a login that finds the pool full answers 503 busy with Retry-After and is not counted")
    func fullPoolThroughTheAPI() async throws {
        let pool = PasswordWorkPool(threads: 1, maxWaiting: 0)
        try await TestService.with(passwordPool: pool) { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                #expect(try await AcceptanceSteps.submit(path, password: LoginTests.password, client).status == .ok)
                let gate = Gate()
                let holder = Task { try await pool.run { gate.wait() } }
                while pool.inFlight < 1 { await Task.yield() }

                let refused = try await LoginTests.login(
                    "dr.johnson@hospital.org", LoginTests.password, .viewer, client)
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "1")
                #expect(try refused.decode(ProblemBody.self).type == "/problems/busy")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM login_attempts") == 0)

                gate.open()
                try await holder.value
                let served = try await LoginTests.login("dr.johnson@hospital.org", LoginTests.password, .viewer, client)
                #expect(served.status == .ok)
            }
        }
    }
}

/// A gate pool threads wait at until a test opens it.
final class Gate: Sendable {
    private let condition = NSCondition()
    private let isOpen = Mutex(false)

    func wait() {
        condition.lock()
        while !isOpen.withLock({ $0 }) { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen.withLock { $0 = true }
        condition.broadcast()
        condition.unlock()
    }
}
