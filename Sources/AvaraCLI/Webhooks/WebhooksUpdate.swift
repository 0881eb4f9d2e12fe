import ArgumentParser
import Avara
import Foundation

/// `avara webhooks update ENDPOINT_ID [--url URL] [--event-type TYPE…] [--description TEXT | --clear-description]
/// [--status enabled|disabled]`.
struct WebhooksUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a webhook endpoint's fields; the others stay as they are. Prints the endpoint.",
        discussion: """
            --status enabled turns back on an endpoint the service disabled (after a 410 Gone, or five days of \
            failed deliveries) and forgets why; --status disabled stops its deliveries.
            """
    )

    @OptionGroup var endpoint: WebhookEndpointArgument

    @Option(name: .long, help: "A new https:// URL to deliver to.")
    var url: String?

    @Option(
        name: .customLong("event-type"),
        help: ArgumentHelp(
            "The types of event to deliver from now on, replacing the current ones; repeat it, or separate types "
                + "with commas.",
            valueName: "type"
        )
    )
    var eventTypes: [String] = []

    @Option(name: .long, help: "A new description, at most 500 characters.")
    var description: String?

    @Flag(name: .customLong("clear-description"), help: "Remove the description.")
    var clearDescription = false

    @Option(name: .long, help: "enabled or disabled.")
    var status: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let url { _ = try webhookURL(url) }
        if !eventTypes.isEmpty, webhookEventTypes(eventTypes).isEmpty {
            throw ValidationError("--event-type needs at least one type")
        }
        if description != nil, clearDescription {
            throw ValidationError("give --description or --clear-description, not both")
        }
        if let status, !WebhookEndpointStatus(rawValue: status).isKnown {
            throw ValidationError("--status must be enabled or disabled")
        }
        if url == nil, eventTypes.isEmpty, description == nil, !clearDescription, status == nil {
            throw ValidationError(
                "nothing to change: give --url, --event-type, --description, --clear-description or --status"
            )
        }
    }

    func run() async throws {
        let newURL = try url.map { try webhookURL($0) }
        let types = eventTypes.isEmpty ? nil : webhookEventTypes(eventTypes)
        let newDescription: Nullable<String>? = clearDescription ? .null : description.map(Nullable.value)
        try await withClient { client in
            let updated = try await client.webhookEndpoints.update(
                endpointId: endpoint.endpointId, url: newURL, eventTypes: types, description: newDescription,
                status: status.map(WebhookEndpointStatus.init(rawValue:))
            )
            try WebhookOutput.print(updated, json: output.json)
        }
    }
}
