import AvaraCore
import AvaraSupport
import Foundation
import Synchronization

/// A `MailTransport` that writes each message as an `.eml` file into an outbox folder,
/// for development and for handing mail to an external sender.
///
/// Each message goes to `<directory>/<messageId>.eml` (characters other than letters, digits,
/// `.`, `_`, `-` and `@` replaced by `_`). The file is written to a hidden temporary file in the same
/// directory and then renamed into place, so readers never see a partial message and redelivering
/// the same message replaces the same file.
///
/// A delivery is on disk when it succeeds. Messages come in batches (``preferredBatchSize``): every file of a
/// batch is written and flushed (`fsync`), the files are renamed into place and the folder is flushed once for the
/// whole batch. (Not one `syncfs` for all the files, which was cheaper: it flushes everything the file system
/// holds, a database's pages too, for as long as that takes.) The blocking file I/O runs on
/// ``DedicatedThread/background``, never on the cooperative threads that serve requests.
package struct FileMailTransport: MailTransport {
    /// The outbox folder.
    package let directory: URL

    /// Up to this many messages share one flush of the folder: a dispatcher's whole pass (200), so that the pass
    /// marks them sent in one transaction as soon as they are on disk.
    package var preferredBatchSize: Int { 200 }

    /// Numbers the temporary files of this process.
    private static let attempts = Atomic<Int>(0)
    private static let processId = ProcessInfo.processInfo.processIdentifier

    /// How many files of a batch are written before they are flushed.
    private static let filesInFlight = 32

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
        try await deliver(batch: [email])[0].get()
    }

    /// Writes each message like ``deliver(_:)``, with one flush of the folder for the whole batch.
    package func deliver(batch emails: [OutboundEmail]) async -> [Result<Void, any Error>] {
        guard !emails.isEmpty else { return [] }
        return await DedicatedThread.background.run { write(emails) }
    }

    /// Writes `emails` synchronously; see ``deliver(batch:)``.
    ///
    /// Paths are plain strings, not `URL`s: appending to a file `URL` asks the file system whether the name is a
    /// folder, one more look-up in a folder of thousands of files for every message.
    private func write(_ emails: [OutboundEmail]) -> [Result<Void, any Error>] {
        let folder: SystemFolder
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            folder = try SystemFolder(directory.path)
        } catch {
            let failure = MailDeliveryError(kind: .transient, reason: "could not open \(directory.path): \(error)")
            return Array(repeating: .failure(failure), count: emails.count)
        }
        defer { folder.closeDescriptor() }
        var results: [Result<Void, any Error>] = Array(repeating: .success(()), count: emails.count)
        var renamed: [Int] = []
        // The files of a chunk are all written before the first is flushed: their data goes to the disk together,
        // and each `fsync` then mostly waits (a quarter less CPU per file than writing and flushing one at a time).
        // A chunk keeps the number of open files small. A file is renamed into place once it is on disk.
        for chunkStart in stride(from: 0, to: emails.count, by: Self.filesInFlight) {
            var open: [(index: Int, temporary: String, target: String, file: SystemFile)] = []
            for index in chunkStart..<min(chunkStart + Self.filesInFlight, emails.count) {
                let name = Self.fileName(for: emails[index].messageId)
                // Unique per process and attempt without UUID(), which reads /dev/urandom each time on Linux.
                let attempt = Self.attempts.add(1, ordering: .relaxed).newValue
                let temporary = ".\(name).eml.\(Self.processId).\(attempt).tmp"
                do {
                    let file = try folder.create(temporary, containing: emails[index].rendered)
                    open.append((index, temporary, name + ".eml", file))
                } catch {
                    folder.remove(temporary)
                    results[index] = .failure(error)
                }
            }
            for item in open {
                defer { item.file.closeDescriptor() }
                do {
                    try item.file.sync()
                    try folder.rename(item.temporary, to: item.target)
                    renamed.append(item.index)
                } catch {
                    folder.remove(item.temporary)
                    results[item.index] = .failure(error)
                }
            }
        }
        guard !renamed.isEmpty else { return results }
        // One flush of the folder for the whole batch makes the new names durable.
        do {
            try folder.sync()
        } catch {
            for index in renamed {
                results[index] = .failure(error)
            }
        }
        return results
    }

    /// The `.eml` file that holds the message with `messageId`.
    package func fileURL(for messageId: String) -> URL {
        directory.appendingPathComponent(Self.fileName(for: messageId) + ".eml", isDirectory: false)
    }

    /// A safe file name (without extension) for `messageId`: never empty, never starting with `.`,
    /// never containing a path separator.
    package static func fileName(for messageId: String) -> String {
        var name = String(
            String.UnicodeScalarView(
                messageId.unicodeScalars.map { isSafe($0) ? $0 : "_" }
            )
        )
        if name.isEmpty || name.hasPrefix(".") {
            name = "_" + name
        }
        if name.utf8.count > maxFileNameLength {
            name =
                String(name.prefix(maxFileNameLength - 17)) + "-" + StableHash.hex(StableHash.fnv1a64(messageId.utf8))
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
