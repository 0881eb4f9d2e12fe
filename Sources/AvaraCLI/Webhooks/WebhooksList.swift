import ArgumentParser
import Avara

/// `avara webhooks list`.
struct WebhooksList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the clinic's webhook endpoints: URLs, status, event types, descriptions."
    )

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            try WebhookOutput.print(try await client.webhookEndpoints.list(), json: output.json)
        }
    }
}
