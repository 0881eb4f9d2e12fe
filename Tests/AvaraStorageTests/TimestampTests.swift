import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraStorage

@Suite("Timestamps")
struct TimestampTests {
    @Test("what is written reads back and writes again identically, for every millisecond")
    func roundTrip() throws {
        for millisecond in 0..<1000 {
            let text = String(format: "2026-11-24T14:30:12.%03dZ", millisecond)
            let date = try #require(Timestamp.date(text))
            #expect(Timestamp.string(date) == text)
        }
    }

    @Test("an instant is kept to the nearest millisecond, and keeping it again changes nothing")
    func rounding() {
        for step in 0..<2000 {
            let instant = Date(timeIntervalSince1970: 1_795_000_000 + Double(step) * 0.000_123_4)
            let kept = instant.roundedToMilliseconds
            #expect(abs(kept.timeIntervalSince(instant)) <= 0.000_5 + 1e-6)
            #expect(kept.roundedToMilliseconds == kept)
            #expect(Timestamp.string(kept) == Timestamp.string(instant))
        }
    }

    @Test("instants before 1970 are written correctly too")
    func beforeEpoch() throws {
        let date = try #require(Timestamp.date("1969-12-31T23:59:59.250Z"))
        #expect(Timestamp.string(date) == "1969-12-31T23:59:59.250Z")
    }

    @Test("the arithmetic agrees with Foundation's ISO 8601 format style, from 1600 to 2400, leap days included")
    func agreesWithFoundation() throws {
        let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        var random = SystemRandomNumberGenerator()
        var instants = (0..<5000).map { _ in
            Double(Int64.random(in: -11_676_096_000_000...13_569_465_600_000, using: &random)) / 1000
        }
        instants += [
            "2024-02-29T23:59:59.999Z", "2000-02-29T00:00:00.000Z", "1900-03-01T00:00:00.000Z",
            "1970-01-01T00:00:00.000Z",
        ]
        .map { try! foundation.parse($0).timeIntervalSince1970 }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.string(date)
            // Foundation truncates; half a millisecond later its truncation is the rounding Timestamp does.
            #expect(text == date.addingTimeInterval(0.000_5).formatted(foundation), "\(seconds)")
            let parsed = try #require(Timestamp.date(text))
            let byFoundation = try foundation.parse(text)
            // The same instant within a few units in the last place of a Double of that size, far below 1 ms.
            #expect(
                abs(parsed.timeIntervalSince(byFoundation)) < 0.000_01,
                "\(text): \(parsed.timeIntervalSince1970) vs \(byFoundation.timeIntervalSince1970)")
            #expect(parsed == date.roundedToMilliseconds)
            #expect(Timestamp.string(parsed) == text)
        }
    }

    @Test("other shapes are refused, and other RFC 3339 forms still parse")
    func otherForms() {
        #expect(Timestamp.date("2026-13-01T00:00:00.000Z") == nil)
        #expect(Timestamp.date("2026-11-24 10:00:00.000Z") == nil)
        #expect(Timestamp.date("not a time") == nil)
        #expect(Timestamp.date("2026-11-24T10:00:00.5Z").map(Timestamp.string) == "2026-11-24T10:00:00.500Z")
        #expect(Timestamp.date("2026-11-24T10:00:00.123+01:00").map(Timestamp.string) == "2026-11-24T09:00:00.123Z")
    }
}
