import ArgumentParser
import AvaraCore
import AvaraService
import Foundation

/// `avara clinics add-owner --clinic ID --owner-email E --owner-first-name F --owner-last-name L [--database D]`.
struct ClinicsAddOwner: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-owner",
        abstract: "Add an owner to a clinic: a user of both products with level owner, sent an invitation email."
    )

    @Option(name: .long, help: "The clinic's id, cln_ and 32 hexadecimal characters.")
    var clinic: String

    @OptionGroup var owner: OwnerOptions

    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(name: .long, help: "Print one JSON object {clinicId, ownerUserIds} on stdout.")
    var json = false

    mutating func validate() throws {
        guard owner.isGiven else {
            throw ValidationError("--owner-email, --owner-first-name and --owner-last-name are required")
        }
    }

    func run() async throws {
        let owners = try await databaseOptions.withEnvironment { environment in
            guard let found = try await environment.clinics.clinic(id: clinic) else {
                throw ValidationError("no clinic \(clinic) in this database")
            }
            return try await owner.makeOwner(in: found, environment: environment)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let ids = Dictionary(uniqueKeysWithValues: owners.map { ($0.product.rawValue, $0.userId) })
            print(String(decoding: try encoder.encode(AddedOwner(clinicId: clinic, ownerUserIds: ids)), as: UTF8.self))
        } else {
            print("Owner added: \(owners.map { "\($0.product.displayName) \($0.userId)" }.joined(separator: ", ")).")
            print("The invitation to set a password is queued; `avara serve` on this database sends it.")
        }
    }
}

/// The `--json` output of `clinics add-owner`.
private struct AddedOwner: Encodable {
    var clinicId: String
    /// The owner's user id in each product, by product (`viewer`, `autoScribe`).
    var ownerUserIds: [String: String]
}
