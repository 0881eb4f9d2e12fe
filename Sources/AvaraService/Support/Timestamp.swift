import Foundation
import OpenAPIRuntime

/// How the service writes instants, in its database and in the API: RFC 3339 UTC with milliseconds, which sorts
/// as text.
///
/// Formatting rounds to the nearest millisecond (Foundation's formatter truncates, so that parsing and formatting
/// again could lose a millisecond each time): `string(date(s)) == s` for every string this type wrote.
package enum Timestamp {
    /// `2026-11-24T10:00:00.123Z`.
    package static func string(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let prefix = Date(timeIntervalSince1970: TimeInterval(whole.0)).formatted(Self.wholeSeconds)
        return String(prefix.dropLast()) + "." + String(format: "%03d", Int(whole.1)) + "Z"
    }

    /// Parses what ``string(_:)`` wrote (and any RFC 3339 timestamp with milliseconds).
    package static func date(_ string: String) -> Date? {
        try? Self.style.parse(string)
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let wholeSeconds = Date.ISO8601FormatStyle(timeZone: .gmt)
}

/// The API's dates, written exactly as the database keeps them (see ``Timestamp``).
struct TimestampTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String {
        Timestamp.string(date)
    }

    func decode(_ dateString: String) throws -> Date {
        guard let date = Timestamp.date(dateString) ?? (try? Date.ISO8601FormatStyle().parse(dateString)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not an RFC 3339 timestamp: \(dateString)"))
        }
        return date
    }
}

extension Date {
    /// This instant as the database and the API keep it (to the millisecond), so that a value answered from memory
    /// equals the same value read back.
    package var roundedToMilliseconds: Date {
        Timestamp.date(Timestamp.string(self)) ?? self
    }
}
