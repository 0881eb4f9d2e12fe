import AvaraSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraService

/// Slow or idle clients cannot hold the server: read timeouts close them, and the connection cap bounds them.
@Suite("Connection timeouts and cap")
struct ConnectionLimitsTests {
    static let healthRequest = "GET /health HTTP/1.1\r\nHost: avara\r\n\r\n"

    @Test("1,000 idle or slowly-sending connections: a normal client is still served; the timeouts then close them all")
    func thousandSlowConnections() async throws {
        try await TestService.with(configure: {
            $0.port = 0
            $0.connections.headerTimeout = .seconds(2)
            $0.connections.bodyTimeout = .seconds(2)
            $0.connections.idleTimeout = .seconds(3)
        }) { service in
            try await Self.serving(service) { port in
                var slow: [RawConnection] = []
                for index in 0..<1000 {
                    let connection = try await RawConnection.open(port: port)
                    switch index % 3 {
                    case 0: break  // idle: says nothing
                    case 1: try await connection.send("GET /health HTTP/1.1\r\nHo")  // a head that never ends
                    default:  // a body that never ends
                        try await connection.send(
                            "POST /v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
                        )
                    }
                    slow.append(connection)
                }
                let normal = try await RawConnection.open(port: port)
                try await normal.send(Self.healthRequest)
                #expect(try await normal.wait(upTo: 5) { $0.contains("\r\n\r\n") })
                #expect(normal.text.hasPrefix("HTTP/1.1 200"))
                await normal.close()

                for connection in slow { try await connection.wait(upTo: 10) }
                #expect(slow.filter { !$0.isClosed }.count == 0, "every slow or idle connection was closed")
                #expect(slow.allSatisfy { !$0.text.hasPrefix("HTTP/1.1 200") })
                for connection in slow { await connection.close() }
            }
        }
    }

    @Test("at the connection cap a new connection waits; it is served once another closes")
    func connectionCap() async throws {
        try await TestService.with(configure: {
            $0.port = 0
            $0.connections.maxConnections = 20
        }) { service in
            try await Self.serving(service) { port in
                var held: [RawConnection] = []
                for _ in 0..<20 {
                    let connection = try await RawConnection.open(port: port)
                    try await connection.send(Self.healthRequest)
                    #expect(try await connection.wait(upTo: 5) { $0.contains("\r\n\r\n") })
                    held.append(connection)
                }
                let waiting = try await RawConnection.open(port: port)  // the kernel's backlog takes it
                try await waiting.send(Self.healthRequest)
                #expect(try await waiting.wait(upTo: 1) { !$0.isEmpty } == false, "not served while 20 are open")
                await held[0].close()
                #expect(try await waiting.wait(upTo: 5) { $0.contains("\r\n\r\n") })
                #expect(waiting.text.hasPrefix("HTTP/1.1 200"))
                for connection in held.dropFirst() + [waiting] { await connection.close() }
            }
        }
    }

    @Test("clients that pipeline requests for a large answer and never read are cut after the idle timeout")
    func clientsThatNeverRead() async throws {
        try await TestService.with(configure: {
            $0.port = 0
            $0.connections.maxConnections = 2
            $0.connections.idleTimeout = .seconds(1)
        }) { service in
            try await Self.serving(service) { port in
                // Both places under the cap, each with far more answer than the sockets' buffers hold.
                let stalled = try (0..<2).map { _ in
                    try NonReadingClient(
                        port: port,
                        sending: String(repeating: "GET /openapi.yaml HTTP/1.1\r\nHost: avara\r\n\r\n", count: 200)
                    )
                }
                // Both were taken and are being answered: the two places are held.
                for _ in 0..<200 where !stalled.allSatisfy(\.hasUnreadBytes) {
                    try await Task.sleep(for: .milliseconds(50))
                }
                let held = stalled.allSatisfy { $0.hasUnreadBytes }
                #expect(held)
                // Served once the stalled responses are cut (1 s without progress), not never.
                let normal = try await RawConnection.open(port: port)
                try await normal.send(Self.healthRequest)
                #expect(try await normal.wait(upTo: 15) { $0.contains("\r\n\r\n") })
                #expect(normal.text.hasPrefix("HTTP/1.1 200"))
                await normal.close()
                withExtendedLifetime(stalled) {}
            }
        }
    }

    /// Runs the application `avara serve` runs (HummingbirdTesting's live mode would drop the connection cap) on a
    /// free port, and `body` with the port.
    static func serving(_ service: TestService, _ body: @Sendable (Int) async throws -> Void) async throws {
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let app = try buildApplication(environment: service.environment) { port in announce.yield(port) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var next = ports.makeAsyncIterator()
            let port = try #require(await next.next())
            try await body(port)
            group.cancelAll()
        }
    }

    @Test("the timeouts and the cap are configurable, with defaults 10s, 30s, 75s and 4096")
    func configuration() throws {
        let defaults = try ServiceConfiguration(environment: [:]).connections
        #expect(defaults == ConnectionLimits())
        #expect(defaults.headerTimeout == .seconds(10) && defaults.bodyTimeout == .seconds(30))
        #expect(defaults.idleTimeout == .seconds(75) && defaults.maxConnections == 4096)
        let set = try ServiceConfiguration(environment: [
            "AVARA_HEADER_TIMEOUT": "5s", "AVARA_BODY_TIMEOUT": "1m", "AVARA_IDLE_TIMEOUT": "2m",
            "AVARA_MAX_CONNECTIONS": "100",
        ]).connections
        #expect(set.headerTimeout == .seconds(5) && set.bodyTimeout == .seconds(60))
        #expect(set.idleTimeout == .seconds(120) && set.maxConnections == 100)
        for (name, bad) in [
            ("AVARA_HEADER_TIMEOUT", "0s"), ("AVARA_IDLE_TIMEOUT", "2h"), ("AVARA_MAX_CONNECTIONS", "0"),
        ] {
            #expect(throws: ConfigurationError.self) { try ServiceConfiguration(environment: [name: bad]) }
        }
    }
}
