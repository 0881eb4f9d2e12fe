import ArgumentParser
import AvaraService
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
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServiceConfiguration {
        var configuration = try ServiceConfiguration(environment: environment)
        if let database { configuration.database = database }
        _ = try configuration.databaseLocation()
        return configuration
    }
}

/// Sets up logging to standard error; `LOG_LEVEL` (trace…critical) overrides the default `info`.
func bootstrapLogging(label: String = "avara") -> Logger {
    LoggingSystem.bootstrap { DeferredMetadataLogHandler(StreamLogHandler.standardError(label: $0)) }
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}
