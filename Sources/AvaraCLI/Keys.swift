import ArgumentParser
import Avara
import AvaraCore
import AvaraService

/// `avara keys`: a clinic's API keys, in the database (like `clinics create`).
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke a clinic's API keys in the database (the API has the same: avara api-keys).",
        subcommands: [KeysCreate.self, KeysList.self, KeysRevoke.self]
    )
}

/// `--clinic`, `--database` and `--json`, shared by the `keys` commands.
struct KeysOptions: ParsableArguments {
    @Option(name: .long, help: "The clinic's id, cln_ and 32 hexadecimal characters.")
    var clinic: String

    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(name: .long, help: "Print JSON instead of text: the API's field names, sorted keys.")
    var json = false

    /// Runs `body` with the key service of the database and the CLI's context in the clinic, then closes the
    /// database.
    func run(_ body: (APIKeyService, CommandContext) async throws -> Void) async throws {
        try await databaseOptions.withEnvironment { environment in
            guard let found = try await environment.clinics.clinic(id: clinic) else {
                throw ValidationError("no clinic \(clinic) in this database")
            }
            try await body(environment.services.apiKeys, .cli(found))
        }
    }
}

extension Avara.APIKey {
    /// The key as the API shows it.
    init(_ record: APIKeyRecord) {
        self.init(
            keyId: record.keyId, name: record.name, prefix: record.prefix, createdAt: record.createdAt,
            lastUsedAt: record.lastUsedAt, revokedAt: record.revokedAt, createdByKeyId: record.createdByKeyId
        )
    }
}
