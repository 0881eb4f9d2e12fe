import AvaraCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file descriptor with the few POSIX calls the file transport needs, each failure a transient
/// ``MailDeliveryError`` that names the path.
package struct SystemFile {
    private let descriptor: Int32
    private let path: String

    /// Opens the folder at `path` to flush it.
    package init(directory path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("could not open", path) }
    }

    /// Creates or truncates the file at `path`, readable and writable by its owner only (`0600`, whatever the
    /// umask: an email holds a person's name and address and an invitation link), writes `text` into it and
    /// flushes it to disk (fsync).
    package static func create(_ path: String, containing text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("could not write", path) }
        defer { _ = close(descriptor) }
        // The mode given to open(2) only applies to a new file, and the umask could narrow it further.
        guard fchmod(descriptor, 0o600) == 0 else { throw failure("could not restrict the permissions of", path) }
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure("could not write", path)
                }
                offset += count
            }
        }
        guard fsync(descriptor) == 0 else { throw failure("could not flush", path) }
    }

    /// Flushes this file's data and metadata to disk (fsync).
    package func sync() throws {
        guard fsync(descriptor) == 0 else { throw Self.failure("could not flush", path) }
    }

    /// Closes the descriptor.
    package func closeDescriptor() {
        _ = close(descriptor)
    }

    private static func failure(_ action: String, _ path: String) -> MailDeliveryError {
        MailDeliveryError(kind: .transient, reason: "\(action) \(path): \(String(cString: strerror(errno)))")
    }
}
