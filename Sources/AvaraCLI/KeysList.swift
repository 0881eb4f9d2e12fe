import ArgumentParser
import Avara
import AvaraCore

/// `avara keys list --clinic CLINIC_ID`.
struct KeysList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the clinic's API keys: names, prefixes, created, last used, revoked."
    )

    @OptionGroup var options: KeysOptions

    func run() async throws {
        try await options.run { keys, context in
            try KeyOutput.print(try await keys.list(context: context).map(Avara.APIKey.init), json: options.json)
        }
    }
}
