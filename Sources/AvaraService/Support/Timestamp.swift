import Foundation

/// How the service writes instants into its database: RFC 3339 UTC with milliseconds, which sorts as text.
package enum Timestamp {
    /// `2026-11-24T10:00:00.123Z`.
    package static func string(_ date: Date) -> String {
        date.formatted(Self.style)
    }

    /// Parses what ``string(_:)`` wrote.
    package static func date(_ string: String) -> Date? {
        try? Self.style.parse(string)
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
