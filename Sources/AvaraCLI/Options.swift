import ArgumentParser
import AvaraService
import AvaraStorage
import Foundation
import Logging

/// `--database`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            SQLite database file, or a PostgreSQL URL postgres://user:pass@host:5432/db?sslmode=prefer \
            (sslmode disable|prefer|require|verify-full) (env AVARA_DATABASE_URL; default avara.sqlite).
            """
    )
    var database: String?

    /// The configuration from the environment, with this option on top.
    func configuration(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServiceConfiguration {
        var configuration = try ServiceConfiguration(environment: environment)
        if let database { configuration.database = database }
        _ = try configuration.databaseLocation()
        return configuration
    }

    /// Runs `body` with the service's environment over this database, for an administration command, and closes the
    /// database afterwards, whatever `body` did. Logs only warnings and worse. No mail is sent, so the operator's
    /// templates are not loaded: a broken `AVARA_TEMPLATES_DIR` meant for `serve` must not stop it.
    func withEnvironment<T>(_ body: (ServiceEnvironment) async throws -> T) async throws -> T {
        var configuration = try configuration()
        configuration.templatesDirectory = nil
        var logger = bootstrapLogging()
        logger.logLevel = max(logger.logLevel, .warning)
        let environment = try await ServiceEnvironment.open(configuration: configuration, logger: logger)
        let result: T
        do {
            result = try await body(environment)
        } catch {
            try? await environment.store.close()
            throw error
        }
        try await environment.store.close()
        return result
    }
}

/// Sets up logging to standard error; `LOG_LEVEL` (trace…critical) overrides the default `info`.
func bootstrapLogging(label: String = "avara") -> Logger {
    LoggingSystem.bootstrap { DeferredMetadataLogHandler(StreamLogHandler.standardError(label: $0)) }
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}
