import Dispatch
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the application until SIGTERM or SIGINT, and makes sure the process then ends within its grace period.
///
/// A signal starts a graceful shutdown: the server stops accepting, requests in flight finish, the background
/// services end their pass, the database closes last. What has not ended after `grace` is cancelled; and should
/// anything still hold on (a driver that does not notice cancellation), the process exits 3 seconds later anyway,
/// so that a supervisor's stop never hangs.
///
/// ```swift
/// try await ServiceRunner(grace: .seconds(10), logger: logger).run(app)
/// ```
package struct ServiceRunner: Sendable {
    package let grace: Duration
    package let logger: Logger

    package init(grace: Duration, logger: Logger) {
        self.grace = grace
        self.logger = logger
    }

    /// How long after the grace period the process is ended regardless.
    static let hardStopDelay: Duration = .seconds(3)

    package func run(_ app: some ApplicationProtocol) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        )
        configuration.maximumGracefulShutdownDuration = grace
        configuration.maximumCancellationDuration = Self.hardStopDelay
        let watchdog = ShutdownWatchdog(after: grace + Self.hardStopDelay, logger: logger)
        defer { watchdog.disarm() }
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// Ends the process `delay` after the first SIGTERM or SIGINT, unless disarmed first.
final class ShutdownWatchdog {
    private let sources: [any DispatchSourceSignal]

    init(after delay: Duration, logger: Logger) {
        let queue = DispatchQueue(label: "avara.shutdown-watchdog")
        let milliseconds = Int(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)
        sources = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                queue.asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                    logger.critical("the service did not stop within its grace period; exiting")
                    exit(1)
                }
            }
            source.resume()
            return source
        }
    }

    func disarm() {
        for source in sources { source.cancel() }
    }
}
