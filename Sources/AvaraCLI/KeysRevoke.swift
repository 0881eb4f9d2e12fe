import ArgumentParser
import Avara
import AvaraCore

/// `avara keys revoke --clinic CLINIC_ID KEY_ID`.
struct KeysRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke one of the clinic's API keys: every replica refuses it within 5 seconds."
    )

    @Argument(help: "The key's id: the 16 hexadecimal characters after avk_ (see keys list).")
    var keyId: String

    @OptionGroup var options: KeysOptions

    func run() async throws {
        try await options.run { keys, context in
            try KeyOutput.print(
                [Avara.APIKey(try await keys.revoke(keyId: keyId, context: context))], json: options.json)
        }
    }
}
