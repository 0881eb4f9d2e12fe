import ArgumentParser
import Avara
import Foundation

/// `--type`, `--user-id` and `--actor-id`, shared by `events list` and `events tail`.
struct EventFilterOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only events of this type, e.g. user.invited, user.updated, invitation.accepted, api_key.created.",
            valueName: "type"
        )
    )
    var type: String?

    @Option(name: .customLong("user-id"), help: "Only events about this user, usr_ and 32 hexadecimal characters.")
    var userId: String?

    @Option(
        name: .customLong("actor-id"),
        help: "Only events made by this API key (its id, the 16 hexadecimal characters after avk_) or this user."
    )
    var actorId: String?

    /// The type asked for, as the SDK's type; one this version does not know is sent as given.
    var eventType: WebhookEventType? { type.map(WebhookEventType.init(rawValue:)) }

    func validate() throws {
        if let type, type.isEmpty { throw ValidationError("--type must not be empty") }
    }
}

/// An instant given on the command line: an RFC 3339 timestamp (`2026-03-01T09:30:00Z`, with or without fractional
/// seconds, any offset) or a time before now (`90s`, `15m`, `2h`, `7d`).
struct EventTime: ExpressibleByArgument, Sendable {
    /// The instant.
    var date: Date

    /// What `--help` says of the values.
    static let help = "an RFC 3339 timestamp such as 2026-03-01T09:30:00Z, or a time ago such as 90s, 15m, 2h or 7d"

    init(date: Date) {
        self.date = date
    }

    init?(argument: String) {
        self.init(argument, now: Date())
    }

    /// The instant `text` names, a relative one counted back from `now`.
    init?(_ text: String, now: Date) {
        if let date = (try? Self.withFraction.parse(text)) ?? (try? Self.wholeSeconds.parse(text)) {
            self.date = date
            return
        }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count >= 0 else {
            return nil
        }
        date = now.addingTimeInterval(-Double(count) * unit)
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSeconds = Date.ISO8601FormatStyle()
}

/// `newest` or `oldest`, as `--order` takes it.
extension EventOrder: ExpressibleByArgument {}
