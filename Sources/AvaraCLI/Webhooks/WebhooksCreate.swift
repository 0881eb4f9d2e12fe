import ArgumentParser
import Avara
import Foundation

/// `avara webhooks create --url URL --event-type TYPE… [--description TEXT]`.
struct WebhooksCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a webhook endpoint and print its signing secret (shown only once).",
        discussion: """
            The service POSTs each event of the given types to the URL, signed per Standard Webhooks with the \
            secret. The URL must be https:// and must not lead to a loopback, private, link-local or metadata address.
            """
    )

    @Option(name: .long, help: "Where to deliver the events: an https:// URL, at most 2048 characters.")
    var url: String

    @Option(
        name: .customLong("event-type"),
        help: ArgumentHelp(
            "A type of event to deliver, e.g. user.invited; repeat it, or separate types with commas. At least one.",
            valueName: "type"
        )
    )
    var eventTypes: [String] = []

    @Option(name: .long, help: "What the endpoint is for, at most 500 characters.")
    var description: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try webhookURL(url)
        if webhookEventTypes(eventTypes).isEmpty { throw ValidationError("give at least one --event-type") }
    }

    func run() async throws {
        let endpointURL = try webhookURL(url)
        try await withClient { client in
            let created = try await client.webhookEndpoints.create(
                url: endpointURL, eventTypes: webhookEventTypes(eventTypes), description: description
            )
            try WebhookOutput.print(withSecret: created, rotated: false, json: output.json)
        }
    }
}

/// `text` as an endpoint's URL, or the usage error that it is not one.
func webhookURL(_ text: String, option: String = "--url") throws -> URL {
    guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
        throw ValidationError("\(option) must be an absolute URL such as https://hooks.clinic.example/avara")
    }
    return url
}

/// The types of `--event-type`, each given alone or with others separated by commas.
func webhookEventTypes(_ options: [String]) -> [WebhookEventType] {
    options.flatMap { $0.split(separator: ",") }
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
        .map(WebhookEventType.init(rawValue:))
}
