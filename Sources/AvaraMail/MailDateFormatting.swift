import AvaraCore
import Foundation

/// Locale-independent UTC date formatting for mail headers and message text.
///
/// Built on a fixed Gregorian calendar rather than `DateFormatter`, so the output never
/// depends on the host's locale or time zone.
package enum MailDateFormatting {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let shortMonths = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    private static let longMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// An RFC 5322 `date-time` in UTC, e.g. `Tue, 24 Nov 2026 10:00:00 +0000`.
    package static func rfc5322(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let weekday = weekdays[((parts.weekday ?? 1) - 1) % 7]
        let month = shortMonths[((parts.month ?? 1) - 1) % 12]
        return "\(weekday), \(pad(parts.day)) \(month) \(pad(parts.year, width: 4)) "
            + "\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second)) +0000"
    }

    /// A human-readable UTC date and time, e.g. `24 November 2026 at 10:00 UTC`.
    package static func humanReadable(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.day, .month, .year, .hour, .minute], from: date)
        let month = longMonths[((parts.month ?? 1) - 1) % 12]
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 1970) at \(pad(parts.hour)):\(pad(parts.minute)) UTC"
    }

    private static func pad(_ value: Int?, width: Int = 2) -> String {
        let digits = String(value ?? 0)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
