import ArgumentParser

/// `avara webhooks`: the clinic's webhook endpoints through the API, with the key in `AVARA_API_KEY`.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Manage your clinic's webhook endpoints and their deliveries (AVARA_API_KEY, AVARA_BASE_URL).",
        subcommands: [
            WebhooksCreate.self, WebhooksList.self, WebhooksGet.self, WebhooksUpdate.self, WebhooksDelete.self,
            WebhooksRotateSecret.self, WebhooksDeliveries.self, WebhooksRetry.self,
        ]
    )
}

/// The endpoint's id, shared by the commands on one endpoint.
struct WebhookEndpointArgument: ParsableArguments {
    @Argument(help: "The endpoint's id, we_ and 32 hexadecimal characters (see webhooks list).")
    var endpointId: String
}
