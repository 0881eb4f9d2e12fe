import ArgumentParser
import AvaraCore
import AvaraService
import Foundation

/// `avara clinics create --name NAME [--owner-email E --owner-first-name F --owner-last-name L] [--database D]
/// [--json]`.
struct ClinicsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a clinic with a new API key and print the key (shown only once).",
        discussion: """
            With --owner-email, --owner-first-name and --owner-last-name, the clinic also gets its owner: a user of \
            Viewer and AutoScribe with level owner and dashboard access, sent one invitation email to set a \
            password and sign in to the dashboard (a running `avara serve` on the same database sends it).
            """
    )

    @Option(name: .long, help: "The clinic's name, e.g. \"Acme Imaging\".")
    var name: String

    @OptionGroup var owner: OwnerOptions

    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(
        name: .long,
        help: "Print exactly one JSON object {clinicId, name, apiKey[, ownerUserIds]} on stdout.")
    var json = false

    func run() async throws {
        let (provisioned, owners) = try await databaseOptions.withEnvironment { environment in
            if owner.isGiven { try owner.check(with: environment) }
            let provisioned = try await environment.services.clinics.createClinic(name: name)
            let owners =
                owner.isGiven ? try await owner.makeOwner(in: provisioned.clinic, environment: environment) : []
            return (provisioned, owners)
        }
        if json {
            let object = CreatedClinic(
                clinicId: provisioned.clinic.clinicId, name: provisioned.clinic.name, apiKey: provisioned.apiKey,
                ownerUserIds: owners.isEmpty
                    ? nil : Dictionary(uniqueKeysWithValues: owners.map { ($0.product.rawValue, $0.userId) })
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(object), as: UTF8.self))
        } else {
            print("Created clinic \"\(provisioned.clinic.name)\" (\(provisioned.clinic.clinicId)).")
            print("API key (shown only once; store it now):")
            print("    \(provisioned.apiKey)")
            if let first = owners.first {
                print(
                    "Owner \(first.email): \(owners.map { "\($0.product.displayName) \($0.userId)" }.joined(separator: ", "))."
                )
                print("The invitation to set a password is queued; `avara serve` on this database sends it.")
            }
        }
    }
}

/// The `--json` output of `clinics create`.
struct CreatedClinic: Encodable {
    var clinicId: String
    var name: String
    var apiKey: String
    /// The owner's user id in each product, by product (`viewer`, `autoScribe`), when an owner was made.
    var ownerUserIds: [String: String]?
}
