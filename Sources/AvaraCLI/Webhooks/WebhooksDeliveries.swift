import ArgumentParser
import Avara

/// `avara webhooks deliveries ENDPOINT_ID [--limit N]`.
struct WebhooksDeliveries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "List a webhook endpoint's latest deliveries, newest first: status, attempts, last answer, next try."
    )

    @OptionGroup var endpoint: WebhookEndpointArgument

    @Option(name: .long, help: "How many deliveries, 1 to 100 (default 20).")
    var limit: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let limit, !(1...100).contains(limit) { throw ValidationError("--limit must be from 1 to 100") }
    }

    func run() async throws {
        try await withClient { client in
            let deliveries = try await client.webhookEndpoints.deliveries(endpointId: endpoint.endpointId, limit: limit)
            try WebhookOutput.print(deliveries, json: output.json)
        }
    }
}
