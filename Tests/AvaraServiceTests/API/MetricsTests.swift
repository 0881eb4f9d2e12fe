import AvaraSupport
import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import AvaraCore
@testable import AvaraService
@testable import AvaraStorage

#if canImport(Glibc)
    import Glibc
#endif

/// `GET /metrics` on the metrics listener, in Prometheus' text format.
@Suite("Metrics")
struct MetricsTests {
    @Test(
        "requests by route and status with latency, invites, logins, rate-limited requests, deliveries and the outbox")
    func prometheusText() async throws {
        try await TestService.with(configure: {
            $0.metricsPort = 9464
            $0.rateLimit = 1
            $0.rateLimitBurst = 2
        }) { service in
            try await service.app().test(.router) { client in
                #expect(
                    try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey).status
                        == .created)
                _ = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "queued@hospital.org"), key: service.apiKey)
                let refused = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "x@hospital.org"), key: service.apiKey)
                #expect(refused.status == .tooManyRequests)
                #expect(
                    try await LoginTests.login("nobody@hospital.org", "wrong password!!", .viewer, client).status
                        == .unauthorized)
            }
            #expect(try await service.deliverMail() == 2)
            _ = try await service.app().test(.router) { client in
                try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "later@hospital.org"), key: service.apiKey)
            }
            let listener = MetricsListener(
                registry: MetricsExport.registry, host: "127.0.0.1", port: 0, limits: ConnectionLimits(),
                outbox: SQLOutboxRepository(store: service.environment.store), clock: service.clock,
                logger: Logger(label: "test")
            )
            await listener.sampleOutboxOnce()
            try await Application(router: MetricsListener.router(registry: MetricsExport.registry)).test(.router) {
                client in
                let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                for expected in [
                    #"avara_invites_created_total{product="viewer"}"#,
                    #"avara_logins_total{outcome="failed"}"#,
                    "avara_rate_limited_requests_total",
                    #"avara_deliveries_total{outcome="sent"}"#,
                    "avara_outbox_queued_messages 1",
                    "avara_outbox_oldest_message_age_seconds",
                    "/v1/viewer/users",
                    "429",
                    "_bucket{",
                ] {
                    #expect(text.contains(expected), "\(expected) in /metrics")
                }
            }
        }
    }

    @Test("no --metrics-port, no metrics: AVARA_METRICS_PORT sets it")
    func configuration() throws {
        #expect(try ServiceConfiguration(environment: [:]).metricsPort == nil)
        #expect(try ServiceConfiguration(environment: ["AVARA_METRICS_PORT": "9464"]).metricsPort == 9464)
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(environment: ["AVARA_METRICS_PORT": "http"])
        }
    }

    @Test(
        "the metrics listener serves loopback only, even with the API on every interface, unless --metrics-host says so"
    )
    func loopbackByDefault() async throws {
        #expect(try ServiceConfiguration(environment: [:]).metricsHost == "127.0.0.1")
        #expect(try ServiceConfiguration(environment: ["AVARA_METRICS_HOST": "0.0.0.0"]).metricsHost == "0.0.0.0")
        let port = try await SilentTCPServer.closedPort()
        try await TestService.with(configure: {
            $0.host = "0.0.0.0"
            $0.metricsPort = port
        }) { service in
            let listener = try #require(service.environment.metricsListener().first as? MetricsListener)
            #expect(listener.host == "127.0.0.1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await listener.run() }
                defer { group.cancelAll() }
                var served = false
                for _ in 0..<100 where !served {
                    if let connection = try? await RawConnection.open(port: port) {
                        try await connection.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                        served = try await connection.wait(upTo: 5) { $0.hasPrefix("HTTP/1.1 200") }
                    } else {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                #expect(served)
                for address in Self.nonLoopbackIPv4Addresses() {
                    await #expect(throws: (any Error).self, "\(address) must not reach the metrics") {
                        try await RawConnection.open(host: address, port: port)
                    }
                }
            }
        }
    }

    /// This machine's IPv4 addresses other than loopback's.
    static func nonLoopbackIPv4Addresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var addresses: [String] = []
        var next = list
        while let entry = next {
            defer { next = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else {
                continue
            }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                var bytes = v4.pointee.sin_addr
                _ = inet_ntop(AF_INET, &bytes, &text, socklen_t(text.count))
            }
            let string = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !string.hasPrefix("127.") { addresses.append(string) }
        }
        return addresses
    }
}
