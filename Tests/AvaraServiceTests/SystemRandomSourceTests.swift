import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("The system's random source")
struct SystemRandomSourceTests {
    @Test(
        "gives exactly the bytes asked for, from 0 to more than one system call returns at once",
        arguments: [0, 1, 7, 8, 32, 1_000, 100_000])
    func givesTheCountAskedFor(count: Int) {
        #expect(SystemRandomSource().bytes(count).count == count)
    }

    @Test("two draws of 32 bytes differ, and a large draw uses every byte value")
    func drawsAreRandom() {
        let source = SystemRandomSource()
        #expect(source.bytes(32) != source.bytes(32))
        // 100,000 uniform bytes miss one of the 256 values with probability about 256 * e^-390: never.
        #expect(Set(source.bytes(100_000)).count == 256)
    }
}
