import ArgumentParser

/// `avara api-keys`: the clinic's API keys through the API, with the key in `AVARA_API_KEY`.
struct APIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-keys",
        abstract: "Create, list and revoke your clinic's API keys through the API (AVARA_API_KEY, AVARA_BASE_URL).",
        subcommands: [APIKeysCreate.self, APIKeysList.self, APIKeysRevoke.self]
    )
}
