import ArgumentParser
import Avara

/// `avara webhooks get ENDPOINT_ID`.
struct WebhooksGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show one webhook endpoint with all its fields (never its secret)."
    )

    @OptionGroup var endpoint: WebhookEndpointArgument

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            try WebhookOutput.print(
                try await client.webhookEndpoints.retrieve(endpointId: endpoint.endpointId), json: output.json
            )
        }
    }
}
