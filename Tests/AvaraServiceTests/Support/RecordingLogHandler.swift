import Logging
import Synchronization

/// A log handler that keeps every message with its level and metadata, to check what reaches which level.
final class RecordingLogHandler: LogHandler, Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        /// The message and its metadata, as one line.
        var text: String
    }

    private let entries = Mutex<[Entry]>([])

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    /// A logger at trace level writing into this handler.
    var logger: Logger {
        Logger(label: "avara-tests") { _ in self }
    }

    var recorded: [Entry] { entries.withLock { $0 } }

    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let entry = Entry(level: event.level, text: ([event.message.description] + metadata).joined(separator: " "))
        entries.withLock { $0.append(entry) }
    }
}
