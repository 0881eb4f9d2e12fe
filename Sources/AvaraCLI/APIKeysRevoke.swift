import ArgumentParser
import Avara

/// `avara api-keys revoke KEY_ID`.
struct APIKeysRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an API key: every replica refuses it within 5 seconds."
    )

    @Argument(help: "The key's id: the 16 hexadecimal characters after avk_ (see api-keys list).")
    var keyId: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            try KeyOutput.print([try await client.apiKeys.revoke(keyId: keyId)], json: output.json)
        }
    }
}
