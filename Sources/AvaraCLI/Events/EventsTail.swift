import ArgumentParser
import Avara
import AvaraClientTools
import Foundation

/// `avara events tail [filters] [--interval S] [--json]`.
struct EventsTail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the clinic's new events as they happen, until interrupted (Ctrl-C).",
        discussion: """
            Polls every --interval seconds for the events after the last one printed, oldest first. The events of \
            concurrent changes can commit slightly out of order, so each poll also reads the last \
            \(Int(EventTailState.window)) seconds again and prints the events it had not printed yet. A failure to \
            reach the API is reported once and the polling goes on; any other error ends the command. --json prints \
            one JSON object per line (the API's Event).
            """
    )

    @OptionGroup var filter: EventFilterOptions

    @Option(name: .long, help: "Seconds between polls, 0.1 to 3600.")
    var interval: Double = 2

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (0.1...3600).contains(interval) else {
            throw ValidationError("--interval must be from 0.1 to 3600 seconds")
        }
    }

    func run() async throws {
        let follower = EventFollower(
            type: filter.eventType, userId: filter.userId, actorId: filter.actorId,
            interval: .milliseconds(Int((interval * 1000).rounded())), json: output.json
        )
        try await withClient { client in
            try await untilInterrupted { try await follower.follow(client) }
        }
    }
}

/// Polls the audit log and prints each new event once.
private struct EventFollower: Sendable {
    var type: WebhookEventType?
    var userId: String?
    var actorId: String?
    var interval: Duration
    var json: Bool

    /// Prints the events made from now on, until cancelled.
    func follow(_ client: AvaraClient) async throws {
        var state = EventTailState()
        // Start after the newest event: what came before is `events list`'s. The events of the window before it are
        // taken as printed; newer ones that appear meanwhile are not, and the first poll prints them.
        if let newest = try await list(client, order: .newest, limit: 1).page().data.first {
            state.remember(newest)
        }
        if let lastId = state.lastId {
            for try await event in list(client, since: state.windowStart(now: Date())) where event.eventId <= lastId {
                state.remember(event)
            }
        }
        if !json { write(EventOutput.tailLine(EventOutput.columns)) }
        var failing = false
        while true {
            try await Task.sleep(for: interval)
            do {
                try await poll(client, &state)
                if failing { printError(["the API answers again"]) }
                failing = false
            } catch let error as AvaraError where Self.isPassing(error) {
                if !failing { printError(ErrorText.lines(for: error) + ["  (still polling)"]) }
                failing = true
            }
        }
    }

    /// Prints what appeared since the last poll: the events of the window that were not printed (late commits, or
    /// new ones), then the events after the last one printed.
    private func poll(_ client: AvaraClient, _ state: inout EventTailState) async throws {
        let start = state.windowStart(now: Date())
        for try await event in list(client, since: start) where state.admit(event) {
            try emit(event)
        }
        // After the newest id printed, page by page: the server's clock may lag ours, so the window may miss them.
        let after = list(client)
        var cursor = state.lastId
        while true {
            let page = try await after.page(after: cursor)
            for event in page.data where state.admit(event) {
                try emit(event)
            }
            guard page.hasMore, let next = page.nextCursor else { break }
            cursor = next
        }
        state.forget(before: start)
    }

    /// The events matching the filters, oldest first unless `order` says otherwise.
    private func list(
        _ client: AvaraClient, since: Date? = nil, order: EventOrder = .oldest, limit: Int = 100
    ) -> EventList {
        client.events.list(type: type, userId: userId, actorId: actorId, since: since, order: order, limit: limit)
    }

    private func emit(_ event: WebhookEvent) throws {
        write(json ? try EventOutput.json(event) : EventOutput.tailLine(EventOutput.row(event)))
    }

    /// Writes `line` at once, unbuffered, so that a pipe gets each event when it is printed.
    private func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Whether the polling goes on after `error`: the API could not be reached, failed, or asked to slow down.
    private static func isPassing(_ error: AvaraError) -> Bool {
        [.connection, .timeout, .server, .rateLimited].contains(error.kind)
    }
}

/// What `events tail` has printed: the newest id and time, and the ids of the events still in the window that is
/// read again (a bounded set: older ones are forgotten, and at most ``maxRemembered`` are kept).
private struct EventTailState {
    /// How far back each poll reads again, in seconds.
    static let window: TimeInterval = 10
    /// The most ids remembered, should the window hold more events than that.
    static let maxRemembered = 50_000

    /// The largest id printed (ids sort in the order events were made); the next poll starts after it.
    private(set) var lastId: String?
    /// The time of the newest event printed, by the server's clock.
    private(set) var newest: Date?
    /// The ids printed in the window, with their times.
    private var seen: [String: Date] = [:]

    /// The start of the window read again: ``window`` before now or the newest event printed, whichever is earlier
    /// (the server's clock may lag this machine's).
    func windowStart(now: Date) -> Date {
        min(now, newest ?? now).addingTimeInterval(-Self.window)
    }

    /// Whether `event` has not been printed yet; remembers it as printed.
    mutating func admit(_ event: WebhookEvent) -> Bool {
        guard seen[event.eventId] == nil else { return false }
        remember(event)
        return true
    }

    /// Takes `event` as printed.
    mutating func remember(_ event: WebhookEvent) {
        seen[event.eventId] = event.createdAt
        if lastId.map({ event.eventId > $0 }) ?? true { lastId = event.eventId }
        if newest.map({ event.createdAt > $0 }) ?? true { newest = event.createdAt }
    }

    /// Forgets the events made before `start`: the windows of later polls start later, and their ids are below
    /// ``lastId``, so no poll returns them again.
    mutating func forget(before start: Date) {
        seen = seen.filter { $0.value >= start }
        if seen.count > Self.maxRemembered {
            let kept = seen.sorted { $0.value > $1.value }.prefix(Self.maxRemembered)
            seen = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }
}
