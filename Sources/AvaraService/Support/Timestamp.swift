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

extension Date {
    /// This instant without its sub-millisecond part: what the database and the API keep of it, so that a value
    /// answered from memory equals the same value read back.
    package var truncatedToMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
