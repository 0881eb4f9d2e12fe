import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraStorage

@Suite("Time-ordered ids")
struct TimeOrderedIDTests {
    @Test("ids made later sort after earlier ones, as 32 lowercase hex digits after the prefix")
    func ordering() {
        let random = SeededRandom()
        let start = Date(timeIntervalSince1970: 1_772_357_400.25)
        let ids = (0..<50).map {
            TimeOrderedID.make(prefix: "inv_", at: start.addingTimeInterval(Double($0) * 0.001), random: random)
        }
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
        #expect(
            TimeOrderedID.make(prefix: "inv_", at: now, random: random)
                != TimeOrderedID.make(prefix: "inv_", at: now, random: random))
    }
}

@Suite("Invitation tokens")
struct InvitationTokenTests {
    @Test("a token is its time in 12 hex digits then 32 random bytes; stored as that prefix then the SHA-256")
    func storedForm() {
        let random = SeededRandom()
        let start = Date(timeIntervalSince1970: 1_772_357_400.25)
        let tokens = (0..<20).map {
            InvitationToken.make(at: start.addingTimeInterval(Double($0) * 0.001), random: random)
        }
        for token in tokens {
            #expect(token.wholeMatch(of: /[0-9a-f]{12}[A-Za-z0-9_-]{43}/) != nil)
            #expect(InvitationToken.hash(token) == TokenDigests.storedForm(ofToken: token))
        }
        #expect(tokens[0].hasPrefix(String(1_772_357_400_250, radix: 16).leftPadded(to: 12)))
        let stored = tokens.map(InvitationToken.hash)
        #expect(stored == stored.sorted(), "stored tokens grow in creation order")
        #expect(Set(stored).count == stored.count)
    }

    @Test("a token of the earlier form (32 random bytes alone) is stored as its plain SHA-256")
    func earlierForm() {
        let token = SeededRandom().base64URL(32)
        #expect(InvitationToken.hash(token) == TokenDigests.sha256Hex(token))
        #expect(
            InvitationToken.hash("ABCDEF012345" + token) == TokenDigests.sha256Hex("ABCDEF012345" + token),
            "upper-case hex is no time prefix"
        )
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
