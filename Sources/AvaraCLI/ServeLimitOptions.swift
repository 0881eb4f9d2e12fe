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
        name: .customLong("rate-limit"),
        help: """
            Requests a second each API key may make on this replica, 0 to turn limiting off; past it the API \
            answers 429 with Retry-After (env AVARA_RATE_LIMIT; default 1000).
            """
    )
    var rateLimit: String?

    @Option(
        name: .customLong("rate-limit-burst"),
        help: "Requests an API key may make at once before --rate-limit applies (env AVARA_RATE_LIMIT_BURST; default 2000)."
    )
    var rateLimitBurst: String?

    /// Applies the options given on the command line over `configuration`.
    func apply(to configuration: inout ServiceConfiguration) throws {
        if let rateLimit {
            configuration.rateLimit = try ServiceConfiguration.count(rateLimit, of: "--rate-limit", within: 0...1_000_000)
        }
        if let rateLimitBurst {
            configuration.rateLimitBurst = try ServiceConfiguration.count(
                rateLimitBurst, of: "--rate-limit-burst", within: 1...10_000_000
            )
        }
        if let retention {
            configuration.retention = try ServiceConfiguration.retention(retention, option: "--retention")
        }
    }
}
