import Foundation

/// How the service writes instants, in its database and in the API: RFC 3339 UTC with milliseconds, which sorts
/// as text.
///
/// Formatting rounds to the nearest millisecond (Foundation's formatter truncates, so that parsing and formatting
/// again could lose a millisecond each time): `string(date(s)) == s` for every string this type wrote, and
/// `date(string(d)) == d.roundedToMilliseconds`. Both directions are integer arithmetic on the proleptic Gregorian
/// calendar (several timestamps are written per invite; Foundation's format styles cost more than the rest of
/// the row), held against Foundation's ISO 8601 format style by tests.
package enum Timestamp {
    /// `2026-11-24T10:00:00.123Z`.
    package static func string(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, millisecondOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let (hour, minuteRest) = millisecondOfDay.quotientAndRemainder(dividingBy: 3_600_000)
        let (minute, secondRest) = minuteRest.quotientAndRemainder(dividingBy: 60_000)
        let (second, millisecond) = secondRest.quotientAndRemainder(dividingBy: 1000)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(year, digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(hour, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(minute, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(second, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        append(millisecond, digits: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses what ``string(_:)`` wrote, and any other RFC 3339 timestamp with fractional seconds.
    package static func date(_ string: String) -> Date? {
        if let milliseconds = millisecondsSinceEpoch(exactly: string) {
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        return try? Self.style.parse(string)
    }

    /// The instant of a string in exactly the form ``string(_:)`` writes, in milliseconds since 1970.
    private static func millisecondsSinceEpoch(exactly string: String) -> Int64? {
        var string = string
        return string.withUTF8 { bytes -> Int64? in
            guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z"),
                let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
                let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
                let millisecond = number(bytes, 20, 3),
                (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                hour < 24, minute < 60, second < 60
            else { return nil }
            let days = daysSinceEpoch(year: year, month: month, day: day)
            return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
        }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int64? {
        var value: Int64 = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func append(_ value: Int64, digits: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Floor division: the remainder is never negative, also before 1970.
    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// Year, month and day of the day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097).0
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days from 1970-01-01 to the date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = floorDivide(year, 400).0
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}

extension Date {
    /// This instant as the database and the API keep it (to the millisecond), so that a value answered from memory
    /// equals the same value read back.
    package var roundedToMilliseconds: Date {
        Date(timeIntervalSince1970: Double(Int64((timeIntervalSince1970 * 1000).rounded())) / 1000)
    }
}
