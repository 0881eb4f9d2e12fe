import Foundation
import Testing

@testable import AvaraService

@Suite("Time-ordered ids")
struct TimeOrderedIDTests {
    @Test("ids made later sort after earlier ones, as 32 lowercase hex digits after the prefix")
    func ordering() {
        let random = SeededRandom()
        let start = Date(timeIntervalSince1970: 1_772_357_400.25)
        let ids = (0..<50).map { TimeOrderedID.make(prefix: "inv_", at: start.addingTimeInterval(Double($0) * 0.001), random: random) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.wholeMatch(of: /inv_[0-9a-f]{32}/) != nil)
        }
        #expect(ids[0].hasPrefix("inv_" + String(1_772_357_400_250, radix: 16).leftPadded(to: 12)))
    }

    @Test("two ids of the same millisecond differ in their random part")
    func sameMillisecond() {
        let random = SeededRandom()
        let now = Date(timeIntervalSince1970: 1_772_357_400)
        #expect(TimeOrderedID.make(prefix: "inv_", at: now, random: random) != TimeOrderedID.make(prefix: "inv_", at: now, random: random))
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
