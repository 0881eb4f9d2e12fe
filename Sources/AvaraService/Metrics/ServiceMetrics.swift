import Metrics

/// The service's own metrics, through swift-metrics: exported in Prometheus' text format on `--metrics-port`
/// (see ``MetricsListener``), and free when no backend is bootstrapped.
///
/// Requests by route and status, with their latency histograms, come from Hummingbird's `MetricsMiddleware`
/// (`http_server_request_duration_seconds`, `hb_requests_total`, …); the domain's counters (invites, logins) from
/// the core (`DomainCounters`).
enum ServiceMetrics {
    /// Requests refused by an API key's rate limit.
    static func rateLimited() {
        Counter(label: "avara_rate_limited_requests_total").increment()
    }

    /// Messages waiting in the outbox.
    static let outboxDepth = Gauge(label: "avara_outbox_queued_messages")

    /// How long the oldest waiting message has waited, in seconds (0 when none waits).
    static let outboxOldestAge = Gauge(label: "avara_outbox_oldest_message_age_seconds")
}
