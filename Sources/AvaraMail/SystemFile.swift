import AvaraCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file of a ``SystemFolder`` open for writing, until ``closeDescriptor()``.
package struct SystemFile {
    private let descriptor: Int32
    private let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Writes all of `text`, which is not on disk before ``sync()``.
    func writeAll(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, start + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw MailDeliveryError.fileSystem("could not write", path)
                }
                offset += count
            }
        }
    }

    /// Flushes the file's data and metadata to disk (fsync).
    package func sync() throws {
        guard fsync(descriptor) == 0 else { throw MailDeliveryError.fileSystem("could not flush", path) }
    }

    /// Closes the descriptor.
    package func closeDescriptor() {
        _ = close(descriptor)
    }
}
