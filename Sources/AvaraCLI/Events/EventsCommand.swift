import ArgumentParser

/// `avara events`: the clinic's audit log through the API, with the key in `AVARA_API_KEY`.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List or follow your clinic's audit log through the API (AVARA_API_KEY, AVARA_BASE_URL).",
        subcommands: [EventsList.self, EventsTail.self]
    )
}
