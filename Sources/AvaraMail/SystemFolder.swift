import AvaraCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open folder with the few POSIX calls the file transport needs, each failure a transient
/// ``MailDeliveryError`` that names the path.
///
/// Files are created and renamed by name relative to the open folder (`openat`, `renameat`), so the kernel does not
/// walk the folder's path again for every message.
package struct SystemFolder {
    private let descriptor: Int32
    private let path: String

    /// Opens the folder at `path`.
    package init(_ path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MailDeliveryError.fileSystem("could not open", path) }
    }

    /// Creates or truncates the file `name` in this folder, readable and writable by its owner only (`0600`,
    /// whatever the umask: an email holds a person's name and address and an invitation link), and writes `text`
    /// into it. The file is not on disk yet: ``SystemFile/sync()`` puts it there.
    package func create(_ name: String, containing text: String) throws -> SystemFile {
        let file = openat(descriptor, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw failure("could not write", name) }
        let written = SystemFile(descriptor: file, path: path + "/" + name)
        do {
            // The mode given to openat(2) only applies to a new file, and the umask could narrow it further.
            guard fchmod(file, 0o600) == 0 else { throw failure("could not restrict the permissions of", name) }
            try written.writeAll(text)
        } catch {
            written.closeDescriptor()
            throw error
        }
        return written
    }

    /// Renames `name` to `newName` in this folder, atomically replacing a file already called `newName` (which
    /// `FileManager.moveItem` would refuse to do).
    package func rename(_ name: String, to newName: String) throws {
        guard renameat(descriptor, name, descriptor, newName) == 0 else { throw failure("could not rename", name) }
    }

    /// Removes the file `name` from this folder, if it is there.
    package func remove(_ name: String) {
        _ = unlinkat(descriptor, name, 0)
    }

    /// Flushes the folder (its entries) to disk (fsync).
    package func sync() throws {
        guard fsync(descriptor) == 0 else { throw MailDeliveryError.fileSystem("could not flush", path) }
    }

    /// Closes the descriptor.
    package func closeDescriptor() {
        _ = close(descriptor)
    }

    private func failure(_ action: String, _ name: String) -> MailDeliveryError {
        .fileSystem(action, path + "/" + name)
    }
}
