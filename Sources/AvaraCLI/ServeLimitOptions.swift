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

    /// Applies the options given on the command line over `configuration`.
    func apply(to configuration: inout ServiceConfiguration) throws {
        if let retention {
            configuration.retention = try ServiceConfiguration.retention(retention, option: "--retention")
        }
    }
}
