import ArgumentParser
import Avara

/// `avara api-keys create --name NAME`.
struct APIKeysCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API key and print it (shown only once)."
    )

    @Option(name: .long, help: "What the clinic calls the key, 1 to 100 characters, e.g. \"2027 rotation\".")
    var name: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            try KeyOutput.print(created: try await client.apiKeys.create(name: name), json: output.json)
        }
    }
}
