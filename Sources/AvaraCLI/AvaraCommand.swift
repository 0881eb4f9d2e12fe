import ArgumentParser
import Avara
import AvaraClientTools

/// `avara`: runs the invitation service, administers it, and is a client of its API.
@main
struct AvaraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avara",
        abstract: "The Avara user-invitation service for Viewer and AutoScribe.",
        subcommands: [
            Serve.self, Clinics.self, Keys.self, ProductCommand<Viewer>.self,
            ProductCommand<AutoScribe>.self, APIKeysCommand.self, EventsCommand.self, WebhooksCommand.self,
        ]
    )
}
