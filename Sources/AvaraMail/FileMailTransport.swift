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
    private func write(_ emails: [OutboundEmail]) -> [Result<Void, any Error>] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            let failure = MailDeliveryError(kind: .transient, reason: "could not create \(directory.path): \(error)")
            return Array(repeating: .failure(failure), count: emails.count)
        }
        var results: [Result<Void, any Error>] = []
        var written: [(index: Int, temporary: String, target: String)] = []
        for (index, email) in emails.enumerated() {
            let target = fileURL(for: email.messageId).path
            // Unique per process and attempt without UUID(), which reads /dev/urandom each time on Linux.
            let attempt = Self.attempts.add(1, ordering: .relaxed).newValue
            let temporary = directory.appendingPathComponent(
                ".\(Self.fileName(for: email.messageId)).eml.\(Self.processId).\(attempt).tmp"
            ).path
            do {
                try SystemFile.create(temporary, containing: email.rendered)
                written.append((index, temporary, target))
                results.append(.success(()))
            } catch {
                unlink(temporary)
                results.append(.failure(error))
            }
        }
        guard !written.isEmpty else { return results }
        func fail(_ reason: String, _ items: some Sequence<(index: Int, temporary: String, target: String)>) {
            for item in items {
                unlink(item.temporary)
                results[item.index] = .failure(MailDeliveryError(kind: .transient, reason: reason))
            }
        }
        let folder: SystemFile
        do {
            folder = try SystemFile(directory: directory.path)
        } catch {
            fail("\(error)", written)
            return results
        }
        defer { folder.closeDescriptor() }
        var renamed: [Int] = []
        for item in written {
            // rename(2) atomically replaces an existing file; FileManager.moveItem would refuse to.
            if rename(item.temporary, item.target) == 0 {
                renamed.append(item.index)
            } else {
                fail("could not move mail into \(item.target): \(String(cString: strerror(errno)))", [item])
            }
        }
        // One flush of the folder for the whole batch makes the new names durable.
        do {
            try folder.sync()
        } catch {
            for index in renamed {
                results[index] = .failure(MailDeliveryError(kind: .transient, reason: "\(error)"))
            }
        }
        return results
    }

    /// The `.eml` file that holds the message with `messageId`.
    package func fileURL(for messageId: String) -> URL {
        directory.appendingPathComponent(Self.fileName(for: messageId) + ".eml")
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
