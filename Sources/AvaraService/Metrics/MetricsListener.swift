import AvaraCore
import AvaraStorage
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The separate listener of `--metrics-port`: `GET /metrics` in Prometheus' text format (version 0.0.4), from the
/// registry swift-metrics reports to. Kept off the API's port so that a load balancer never exposes it, on
/// loopback unless `--metrics-host` says otherwise, with the API's timeouts and connection cap.
///
/// While it runs it also samples the outbox every ``samplingInterval``: how many messages wait and how long the
/// oldest has waited.
struct MetricsListener: Service {
    let registry: PrometheusCollectorRegistry
    let host: String
    let port: Int
    let limits: ConnectionLimits
    let outbox: SQLOutboxRepository
    let clock: any ServiceClock
    let logger: Logger
    var samplingInterval: Duration = .seconds(15)

    /// The listener's one route, `GET /metrics`.
    static func router(registry: PrometheusCollectorRegistry) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: .init(bytes: registry.emitToBuffer()))
            )
        }
        return router
    }

    func run() async throws {
        let app = Application(
            router: Self.router(registry: registry), server: .guarded(limits),
            configuration: .guarded(host: host, port: port, limits, logger: logger), logger: logger
        )
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await app.run() }
            group.addTask { try await sampleOutbox() }
        }
    }

    /// Updates the outbox gauges until the service stops.
    func sampleOutbox() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await sampleOutboxOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: samplingInterval) }
        }
    }

    /// Sets the outbox gauges to what the outbox holds now.
    func sampleOutboxOnce() async {
        do {
            let backlog = try await outbox.backlog()
            ServiceMetrics.outboxDepth.record(backlog.count)
            ServiceMetrics.outboxOldestAge.record(backlog.oldest.map { max(0, clock.now().timeIntervalSince($0)) } ?? 0)
        } catch {
            logger.warning("outbox metrics not sampled", metadata: ["error": "\(error)"])
        }
    }
}

/// The process's metrics backend: a Prometheus registry that swift-metrics reports to, bootstrapped once, when
/// `--metrics-port` first asks for it (swift-metrics allows one bootstrap per process).
enum MetricsExport {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
