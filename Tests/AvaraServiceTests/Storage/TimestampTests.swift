import Foundation
import Testing

@testable import AvaraService

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
}
