import Logging
import Synchronization
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Log metadata is kept by the logger and written with each line")
struct DeferredMetadataLogHandlerTests {
    @Test("a line carries the logger's metadata and the message's, the message's winning on a shared key")
    func mergesMetadata() {
        let recorder = RecordingLogHandler()
        var logger = Logger(label: "test") { _ in DeferredMetadataLogHandler(recorder) }
        logger[metadataKey: "requestId"] = "req_1"
        logger[metadataKey: "clinicId"] = "cln_1"
        logger.info("invited", metadata: ["clinicId": "cln_2"])
        #expect(recorder.recorded.map(\.text) == ["invited clinicId=cln_2 requestId=req_1"])
    }

    @Test("metadata set on a copy of a logger stays on that copy")
    func metadataIsAValue() {
        let recorder = RecordingLogHandler()
        var logger = Logger(label: "test") { _ in DeferredMetadataLogHandler(recorder) }
        logger[metadataKey: "requestId"] = "req_1"
        var copy = logger
        copy[metadataKey: "requestId"] = "req_2"
        logger.info("first")
        copy.info("second")
        #expect(recorder.recorded.map(\.text) == ["first requestId=req_1", "second requestId=req_2"])
        #expect(logger[metadataKey: "requestId"] == "req_1")
    }

    @Test("behind it, StreamLogHandler writes the same line as on its own")
    func sameLinesAsStreamLogHandler() {
        let direct = LineStream()
        let deferred = LineStream()
        var plain = Logger(label: "avara") { StreamLogHandler(label: $0, stream: direct, metadataProvider: nil) }
        var wrapped = Logger(label: "avara") {
            DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: deferred, metadataProvider: nil))
        }
        plain[metadataKey: "requestId"] = "req_1"
        wrapped[metadataKey: "requestId"] = "req_1"
        plain.warning("mail delivery deferred", metadata: ["attempts": "2"])
        wrapped.warning("mail delivery deferred", metadata: ["attempts": "2"])
        // The lines start with a timestamp, which may differ by a second between the two.
        let withoutTimestamps = { (stream: LineStream) in
            stream.text.split(separator: " ").dropFirst().joined(separator: " ")
        }
        #expect(withoutTimestamps(deferred) == withoutTimestamps(direct))
        #expect(
            deferred.text.contains(
                "warning avara: attempts=2 requestId=req_1 [AvaraServiceTests] mail delivery deferred"))
    }
}

/// A text stream that keeps what is written to it.
private final class LineStream: TextOutputStream, Sendable {
    private let written = Mutex("")

    var text: String { written.withLock { $0 } }

    func write(_ string: String) {
        written.withLock { $0 += string }
    }
}
