import Foundation

/// Timestamps as the API writes them: `2026-11-24T13:05:12.345Z`.
package enum TimestampText {
    /// `date` to the nearest millisecond (Foundation's formatters truncate, which can turn .345 into .344).
    package static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        var text = Date(timeIntervalSince1970: Double(seconds)).formatted(wholeSeconds)  // …T13:05:12Z
        text.removeLast()
        return text + String(format: ".%03dZ", milliseconds - seconds * 1000)
    }

    private static let wholeSeconds = Date.ISO8601FormatStyle()
}
