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

/// `GET /metrics` on the metrics listener, in Prometheus' text format.
@Suite("Metrics")
struct MetricsTests {
    @Test("requests by route and status with latency, invites, logins, rate-limited requests, deliveries and the outbox")
    func prometheusText() async throws {
        try await TestService.with(configure: { $0.metricsPort = 9464; $0.rateLimit = 1; $0.rateLimitBurst = 2 }) { service in
            try await service.app().test(.router) { client in
                #expect(try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey).status == .created)
                _ = try await client.invite(.viewer, InviteBodies.minimal(.viewer, email: "queued@hospital.org"), key: service.apiKey)
                let refused = try await client.invite(.viewer, InviteBodies.minimal(.viewer, email: "x@hospital.org"), key: service.apiKey)
                #expect(refused.status == .tooManyRequests)
                #expect(try await LoginTests.login("nobody@hospital.org", "wrong password!!", .viewer, client).status == .unauthorized)
            }
            #expect(try await service.deliverMail() == 2)
            _ = try await service.app().test(.router) { client in
                try await client.invite(.viewer, InviteBodies.minimal(.viewer, email: "later@hospital.org"), key: service.apiKey)
            }
            let listener = MetricsListener(
                registry: MetricsExport.registry, host: "127.0.0.1", port: 0,
                outbox: SQLOutboxRepository(store: service.environment.store), clock: service.clock,
                logger: Logger(label: "test")
            )
            await listener.sampleOutboxOnce()
            try await Application(router: MetricsListener.router(registry: MetricsExport.registry)).test(.router) { client in
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
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration(environment: ["AVARA_METRICS_PORT": "http"]) }
    }
}
