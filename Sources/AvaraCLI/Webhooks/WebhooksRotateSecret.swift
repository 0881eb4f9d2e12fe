import ArgumentParser
import Avara

/// `avara webhooks rotate-secret ENDPOINT_ID`.
struct WebhooksRotateSecret: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-secret",
        abstract: "Give a webhook endpoint a new signing secret and print it (shown only once).",
        discussion: "For 24 hours the previous secret signs every delivery too, so that the receiver can switch over."
    )

    @OptionGroup var endpoint: WebhookEndpointArgument

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            let rotated = try await client.webhookEndpoints.rotateSecret(endpointId: endpoint.endpointId)
            try WebhookOutput.print(withSecret: rotated, rotated: true, json: output.json)
        }
    }
}
