import ArgumentParser
import AvaraCore
import AvaraService
import Foundation

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
        let provisioned = try await databaseOptions.withEnvironment { environment in
            try await environment.services.clinics.createClinic(name: name)
        }
        if json {
            let object = CreatedClinic(
                clinicId: provisioned.clinic.clinicId, name: provisioned.clinic.name, apiKey: provisioned.apiKey)
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
