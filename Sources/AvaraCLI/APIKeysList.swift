import ArgumentParser
import Avara

/// `avara api-keys list`.
struct APIKeysList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the clinic's API keys: names, prefixes, created, last used, revoked."
    )

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            try KeyOutput.print(try await client.apiKeys.list(), json: output.json)
        }
    }
}
