import ArgumentParser
import Avara

/// `avara webhooks retry ENDPOINT_ID EVENT_ID`.
struct WebhooksRetry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Deliver an event to a webhook endpoint again, at once, whatever became of its earlier deliveries.",
        discussion: "The delivery keeps the event's id in webhook-id, so that the receiver recognises a repeat."
    )

    @OptionGroup var endpoint: WebhookEndpointArgument

    @Argument(help: "The event's id, evt_ and 32 hexadecimal characters (see webhooks deliveries, or events list).")
    var eventId: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withClient { client in
            try await client.webhookEndpoints.retry(endpointId: endpoint.endpointId, eventId: eventId)
            if output.json {
                try WebhookOutput.printJSON(Queued(endpointId: endpoint.endpointId, eventId: eventId))
            } else {
                print("Queued \(eventId) for delivery to \(endpoint.endpointId).")
            }
        }
    }
}

/// The `--json` output of `retry`.
private struct Queued: Encodable {
    var queued = true
    var endpointId: String
    var eventId: String
}
