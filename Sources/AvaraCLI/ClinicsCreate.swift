import ArgumentParser
import AvaraCore
import AvaraStorage
import AvaraService
import Foundation
import Logging

/// `avara clinics create --name NAME [--database D] [--json]`.
struct ClinicsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a clinic with a new API key and print the key (shown only once)."
    )

    @Option(name: .long, help: "The clinic's name, e.g. \"Acme Imaging\".")
    var name: String

    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(name: .long, help: "Print exactly one JSON object {clinicId, name, apiKey} on stdout.")
    var json = false

    func run() async throws {
        var configuration = try databaseOptions.configuration()
        // Creating a clinic sends no mail: the operator's templates are not needed, and a broken
        // AVARA_TEMPLATES_DIR meant for `serve` must not stop it.
        configuration.templatesDirectory = nil
        var logger = bootstrapLogging()
        logger.logLevel = max(logger.logLevel, .warning)
        let environment = try await ServiceEnvironment.open(configuration: configuration, logger: logger)
        let provisioned: ClinicProvisioning.Provisioned
        do {
            provisioned = try await ClinicProvisioning(environment: environment).createClinic(name: name)
        } catch {
            try? await environment.store.close()
            throw error
        }
        try await environment.store.close()
        if json {
            let object = CreatedClinic(clinicId: provisioned.clinic.clinicId, name: provisioned.clinic.name, apiKey: provisioned.apiKey)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(object), as: UTF8.self))
        } else {
            print("Created clinic \"\(provisioned.clinic.name)\" (\(provisioned.clinic.clinicId)).")
            print("API key (shown only once; store it now):")
            print("    \(provisioned.apiKey)")
        }
    }
}

/// The `--json` output of `clinics create`.
struct CreatedClinic: Encodable {
    var clinicId: String
    var name: String
    var apiKey: String
}
