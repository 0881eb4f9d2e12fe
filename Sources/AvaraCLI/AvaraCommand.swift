import ArgumentParser

/// `avara`: runs the invitation service and administers it.
@main
struct AvaraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avara",
        abstract: "The Avara user-invitation service for Viewer and AutoScribe.",
        subcommands: [Serve.self, Clinics.self]
    )
}
