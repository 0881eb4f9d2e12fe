import ArgumentParser
import AvaraService

/// The options of `avara serve` that bound what the service keeps and takes: retention, rate limits, timeouts.
struct ServeLimitOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            How long sent and failed outbox messages and expired sessions are kept before they are deleted, \
            1 hour to 10 years: 30d, 12h (env AVARA_RETENTION; default 30d).
            """
    )
    var retention: String?

    @Option(
        name: .customLong("event-retention"),
        help: """
            How long the clinics' events (the audit log of GET /v1/events) are kept before they are deleted, \
            1 hour to 10 years: 365d, 2555d (env AVARA_EVENT_RETENTION; default 365d).
            """
    )
    var eventRetention: String?

    @Option(
        name: .customLong("rate-limit"),
        help: """
            Requests a second each API key may make on this replica, 0 to turn limiting off; past it the API \
            answers 429 with Retry-After (env AVARA_RATE_LIMIT; default 1000).
            """
    )
    var rateLimit: String?

    @Option(
        name: .customLong("rate-limit-burst"),
        help:
            "Requests an API key may make at once before --rate-limit applies (env AVARA_RATE_LIMIT_BURST; default 2000)."
    )
    var rateLimitBurst: String?

    @Option(
        name: .customLong("clinic-rate-limit"),
        help: """
            Requests a second all the API keys of one clinic may make together on this replica, with a burst of \
            twice as many, 0 to turn it off (env AVARA_CLINIC_RATE_LIMIT; default 2000).
            """
    )
    var clinicRateLimit: String?

    @Option(
        name: .customLong("unauthenticated-rate-limit"),
        help: """
            Requests a second one client address (an IPv6 /64) may make on this replica without an API key verified \
            lately (no key, an unknown or wrong one), with a burst of five times as many, 0 to turn it off \
            (env AVARA_UNAUTHENTICATED_RATE_LIMIT; default 20).
            """
    )
    var unauthenticatedRateLimit: String?

    @Option(
        name: .customLong("header-timeout"),
        help:
            "How long a client may take over a request head once it started sending it, 1s to 1h (env AVARA_HEADER_TIMEOUT; default 10s)."
    )
    var headerTimeout: String?

    @Option(
        name: .customLong("body-timeout"),
        help:
            "How long a client may take over a request body once its head arrived, 1s to 1h (env AVARA_BODY_TIMEOUT; default 30s)."
    )
    var bodyTimeout: String?

    @Option(
        name: .customLong("idle-timeout"),
        help:
            "How long a connection may wait between requests before it is closed, 1s to 1h (env AVARA_IDLE_TIMEOUT; default 75s)."
    )
    var idleTimeout: String?

    @Option(
        name: .customLong("metrics-port"),
        help: """
            Serve GET /metrics (Prometheus text format) on this port of --metrics-host, apart from the API \
            (env AVARA_METRICS_PORT; default none: no metrics).
            """
    )
    var metricsPort: Int?

    @Option(
        name: .customLong("metrics-host"),
        help: "Interface of the --metrics-port listener (env AVARA_METRICS_HOST; default 127.0.0.1, loopback only)."
    )
    var metricsHost: String?

    @Option(
        name: .customLong("shutdown-grace"),
        help: """
            How long SIGTERM/SIGINT wait for requests in flight before cancelling them, 1s to 1h; the process ends \
            3 s after at the latest (env AVARA_SHUTDOWN_GRACE; default 10s).
            """
    )
    var shutdownGrace: String?

    @Option(
        name: .customLong("database-timeout"),
        help: """
            How long a request may wait for PostgreSQL, a connection included, before it answers 503 with \
            Retry-After, 1s to 1h (env AVARA_DATABASE_TIMEOUT; default 5s).
            """
    )
    var databaseTimeout: String?

    @Option(
        name: .customLong("max-connections"),
        help: """
            Open connections at most; past it new ones wait until one closes (env AVARA_MAX_CONNECTIONS; \
            default 4096). Keep it under the process's open-file limit.
            """
    )
    var maxConnections: String?

    /// Applies the options given on the command line over `configuration`.
    func apply(to configuration: inout ServiceConfiguration) throws {
        if let headerTimeout {
            configuration.connections.headerTimeout = try ServiceConfiguration.connectionTimeout(
                headerTimeout, option: "--header-timeout")
        }
        if let bodyTimeout {
            configuration.connections.bodyTimeout = try ServiceConfiguration.connectionTimeout(
                bodyTimeout, option: "--body-timeout")
        }
        if let idleTimeout {
            configuration.connections.idleTimeout = try ServiceConfiguration.connectionTimeout(
                idleTimeout, option: "--idle-timeout")
        }
        if let metricsPort { configuration.metricsPort = try ServiceConfiguration.port(String(metricsPort)) }
        if let metricsHost { configuration.metricsHost = metricsHost }
        if let shutdownGrace {
            configuration.shutdownGrace = try ServiceConfiguration.connectionTimeout(
                shutdownGrace, option: "--shutdown-grace")
        }
        if let databaseTimeout {
            configuration.databaseTimeout = try ServiceConfiguration.connectionTimeout(
                databaseTimeout, option: "--database-timeout"
            )
        }
        if let maxConnections {
            configuration.connections.maxConnections = try ServiceConfiguration.maxConnections(
                maxConnections, option: "--max-connections"
            )
        }
        if let rateLimit {
            configuration.rateLimit = try ServiceConfiguration.rate(rateLimit, option: "--rate-limit")
        }
        if let rateLimitBurst {
            configuration.rateLimitBurst = try ServiceConfiguration.count(
                rateLimitBurst, of: "--rate-limit-burst", within: 1...10_000_000
            )
        }
        if let clinicRateLimit {
            configuration.clinicRateLimit = try ServiceConfiguration.rate(
                clinicRateLimit, option: "--clinic-rate-limit")
        }
        if let unauthenticatedRateLimit {
            configuration.unauthenticatedRateLimit = try ServiceConfiguration.rate(
                unauthenticatedRateLimit, option: "--unauthenticated-rate-limit"
            )
        }
        if let retention {
            configuration.retention = try ServiceConfiguration.retention(retention, option: "--retention")
        }
        if let eventRetention {
            configuration.eventRetention = try ServiceConfiguration.retention(
                eventRetention, option: "--event-retention"
            )
        }
    }
}
