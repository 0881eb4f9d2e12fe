import Avara
import AvaraClientTools
import Foundation

/// How `avara events` prints events: a table (time, type, actor, subject, request id), or the API's JSON.
enum EventOutput {
    static let columns = ["createdAt", "type", "actor", "subject", "requestId"]

    /// The smallest widths of the columns of `tail`, whose rows are printed before the next ones are known: a
    /// timestamp, the longest type, an API key with a short name, a user's id.
    static let tailWidths = [24, 25, 36, 36]

    /// The cells of `event`'s row.
    static func row(_ event: WebhookEvent) -> [String] {
        [
            TimestampText.text(event.createdAt), event.type.rawValue, actor(event.actor), subject(event),
            event.requestId ?? "-",
        ]
    }

    /// Who acted: their type, their id, and a key's name, e.g. `api_key:3f9a0c1d2e4b5a69 (PACS sync)`, `system`.
    static func actor(_ actor: WebhookEventActor) -> String {
        actor.type + (actor.id.map { ":\($0)" } ?? "") + (actor.name.map { " (\($0))" } ?? "")
    }

    /// What the event is about: the user's, the key's or the endpoint's id in its data; `-` when it has none.
    static func subject(_ event: WebhookEvent) -> String {
        for name in ["userId", "keyId", "endpointId"] {
            if case .string(let id) = event.data[name] { return id }
        }
        return "-"
    }

    /// `events` as a table and a count.
    static func printTable(_ events: [WebhookEvent]) {
        print(TextTable(header: columns, rows: events.map(row)).text, terminator: "")
        print(events.count == 1 ? "1 event" : "\(events.count) events")
    }

    /// One line of JSON with sorted keys: the event as the API answers it.
    static func json(_ event: WebhookEvent) throws -> String {
        String(decoding: try OutputJSON.encode(event), as: UTF8.self)
    }

    /// A line of `tail`'s table: the cells padded to ``tailWidths`` (longer ones push the rest right).
    static func tailLine(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            line += cell
            if index < tailWidths.count {
                line += String(repeating: " ", count: max(tailWidths[index] - cell.count, 0) + 2)
            }
        }
        return line
    }
}
