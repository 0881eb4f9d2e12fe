import Foundation
import NIOPosix
import Synchronization

/// A `MailTransport` that writes each message as an `.eml` file into an outbox folder,
/// for development and for handing mail to an external sender.
///
/// Each message goes to `<directory>/<messageId>.eml` (characters other than letters, digits,
/// `.`, `_`, `-` and `@` replaced by `_`). The file is written to a hidden temporary file in the same
/// directory and then renamed into place, so readers never see a partial message and redelivering
/// the same message replaces the same file. The blocking file I/O runs on NIO's thread pool.
package struct FileMailTransport: MailTransport {
    /// The outbox folder.
    package let directory: URL

    /// Numbers the temporary files of this process.
    private static let attempts = Atomic<Int>(0)
    private static let processId = ProcessInfo.processInfo.processIdentifier

    /// File names longer than this are shortened, keeping them unique with a hash suffix.
    private static let maxFileNameLength = 200

    /// Creates a transport writing into `directory`, creating the directory if it is missing.
    ///
    /// Creation failures are not reported here; `deliver(_:)` retries and reports them.
    package init(directory: URL) {
        self.directory = directory
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `email.rendered` atomically to the `.eml` file for `email.messageId`, replacing an earlier
    /// delivery of the same message.
    ///
    /// - Throws: `MailDeliveryError` of kind `.transient` when the directory or file cannot be written.
    package func deliver(_ email: OutboundEmail) async throws {
        // Blocking file I/O runs on NIO's thread pool, never on the cooperative threads that serve requests.
        try await NIOThreadPool.singleton.runIfActive { try write(email) }
    }

    /// Writes `email` synchronously; see ``deliver(_:)``.
    private func write(_ email: OutboundEmail) throws {
        let data = Data(email.rendered.utf8)
        let target = fileURL(for: email.messageId)
        // Unique per process and attempt without UUID(), which reads /dev/urandom each time on Linux.
        let attempt = Self.attempts.add(1, ordering: .relaxed).newValue
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(Self.processId).\(attempt).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw MailDeliveryError(kind: .transient, reason: "could not write \(temporary.path): \(error)")
        }
        // rename(2) atomically replaces an existing file; FileManager.moveItem would refuse to.
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw MailDeliveryError(
                kind: .transient,
                reason: "could not move mail into \(target.path): \(String(cString: strerror(code)))"
            )
        }
    }

    /// The `.eml` file that holds the message with `messageId`.
    func fileURL(for messageId: String) -> URL {
        directory.appendingPathComponent(Self.fileName(for: messageId) + ".eml")
    }

    /// A safe file name (without extension) for `messageId`: never empty, never starting with `.`,
    /// never containing a path separator.
    static func fileName(for messageId: String) -> String {
        var name = String(
            String.UnicodeScalarView(
                messageId.unicodeScalars.map { isSafe($0) ? $0 : "_" }
            )
        )
        if name.isEmpty || name.hasPrefix(".") {
            name = "_" + name
        }
        if name.utf8.count > maxFileNameLength {
            name = String(name.prefix(maxFileNameLength - 17)) + "-" + StableHash.hex(StableHash.fnv1a64(messageId.utf8))
        }
        return name
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", "@": true
        default: false
        }
    }
}
