import ArgumentParser
import Avara
import AvaraClientTools
import Foundation

/// `avara events list [filters] [--since T] [--until T] [--order newest|oldest] [--limit N | --all] [--json]`.
struct EventsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the clinic's events, newest first: time, type, actor, subject and request id.",
        discussion: "--json prints one JSON array, one event per line (the API's Event), written as the pages arrive."
    )

    @OptionGroup var filter: EventFilterOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Only events made at or after this instant: \(EventTime.help).", valueName: "time")
    )
    var since: EventTime?

    @Option(
        name: .long,
        help: ArgumentHelp("Only events made before this instant: \(EventTime.help).", valueName: "time")
    )
    var until: EventTime?

    @Option(name: .long, help: "newest first or oldest first.")
    var order: EventOrder = .newest

    @Option(name: .long, help: "At most this many events, fetched up to 100 per request.")
    var limit: Int = 20

    @Flag(name: .long, help: "Every matching event instead of the first --limit ones.")
    var all = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let since, let until, until.date <= since.date { throw ValidationError("--until must be after --since") }
    }

    func run() async throws {
        try await withClient { client in
            let events = client.events.list(
                type: filter.eventType, userId: filter.userId, actorId: filter.actorId, since: since?.date,
                until: until?.date, order: order, limit: all ? 100 : min(limit, 100)
            )
            var table: [WebhookEvent] = []
            var count = 0
            for try await event in events {
                if output.json {
                    // The array opens with its first event, so that a failure before any event prints no JSON at all.
                    print((count == 0 ? "[\n" : ",\n") + (try EventOutput.json(event)), terminator: "")
                } else {
                    table.append(event)
                }
                count += 1
                if !all, count >= limit { break }
            }
            if output.json {
                print(count == 0 ? "[]" : "\n]")
            } else {
                EventOutput.printTable(table)
            }
        }
    }
}
