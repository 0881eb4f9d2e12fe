import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a pipe to its end on a thread of its own, keeping everything read.
///
/// It stands in for `FileHandle.readabilityHandler`, which on Linux (swift-corelibs-foundation with Swift 6.3.1)
/// watches the descriptor with a dispatch source and closes the descriptor without waiting for the source's
/// cancellation: now and then libdispatch's event loop then follows a source that is gone and the whole test
/// process dies of a segmentation fault (seen in CI, in `_dispatch_event_loop_drain`). A blocking `read` on a
/// thread needs no dispatch source: the thread ends, and closes the pipe, when every writer has closed its end.
final class PipeReader: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var ended = false
    }

    private let state = Mutex(State())

    /// Starts reading `pipe`'s reading end. Close the writing end of ours first (or right after), so that the end of
    /// the writers' copies ends the pipe.
    init(_ pipe: Pipe) {
        let thread = Thread { [self] in
            let handle = pipe.fileHandleForReading
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                state.withLock { $0.bytes += buffer[0..<count] }
            }
            try? handle.close()
            state.withLock { $0.ended = true }
        }
        thread.start()
    }

    /// Everything read so far, as UTF-8 text.
    var text: String {
        String(decoding: state.withLock { $0.bytes }, as: UTF8.self)
    }

    /// Whether the pipe has ended: every writer closed its end, and all it held has been read.
    var hasEnded: Bool {
        state.withLock { $0.ended }
    }
}
