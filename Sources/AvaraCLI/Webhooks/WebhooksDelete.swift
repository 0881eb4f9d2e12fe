import ArgumentParser
import Avara
import Foundation

/// `avara webhooks delete ENDPOINT_ID`.
struct WebhooksDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a webhook endpoint; the deliveries not yet made are dropped."
    )

    @OptionGroup var endpoint: WebhookEndpointArgument

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            try await client.webhookEndpoints.delete(endpointId: endpoint.endpointId)
            if output.json {
                try WebhookOutput.printJSON(DeletedEndpoint(endpointId: endpoint.endpointId))
            } else {
                print("DeletedEndpoint webhook endpoint \(endpoint.endpointId).")
            }
        }
    }
}

/// The `--json` output of `delete`.
private struct DeletedEndpoint: Encodable {
    var deleted = true
    var endpointId: String
}
