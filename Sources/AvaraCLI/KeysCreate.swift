import ArgumentParser
import Avara
import AvaraCore

/// `avara keys create --clinic CLINIC_ID --name NAME`.
struct KeysCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API key for the clinic and print it (shown only once)."
    )

    @Option(name: .long, help: "What the clinic calls the key, 1 to 100 characters, e.g. \"2027 rotation\".")
    var name: String

    @OptionGroup var options: KeysOptions

    func run() async throws {
        try await options.run { keys, context in
            let created = try await keys.create(name: name, context: context)
            let key = created.key
            try KeyOutput.print(
                created: CreatedAPIKey(
                    keyId: key.keyId, name: key.name, prefix: key.prefix, createdAt: key.createdAt, key: created.secret
                ),
                json: options.json
            )
        }
    }
}
