import Dispatch
import Foundation
import Synchronization

/// Runs `body` until it ends or the process gets SIGINT, which then cancels it (a normal end) instead of killing
/// the process.
///
/// The signal is caught before `body` starts: between ignoring SIGINT and catching it, a signal would be lost
/// (and the command, already printing, would run on). A request in flight may outlive its cancellation
/// (Foundation's `URLSession` on Linux does not always end a cancelled `data(for:)`): the process then ends
/// normally ``interruptGrace`` after the signal anyway.
func untilInterrupted(_ body: @escaping @Sendable () async throws -> Void) async throws {
    let interruption = Interruption()
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
        interruption.interrupt()
        DispatchQueue.global().asyncAfter(deadline: .now() + interruptGrace) { exit(EXIT_SUCCESS) }
    }
    source.resume()
    defer {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
    let task = Task { try await body() }
    interruption.attach(task)
    do {
        try await task.value
    } catch {
        // Interrupted: whatever the cancelled task threw (CancellationError, mostly) ends the command normally.
        guard task.isCancelled else { throw error }
    }
}

/// A SIGINT and the task it cancels, whichever comes first.
private final class Interruption: Sendable {
    private let state = Mutex<(task: Task<Void, any Error>?, interrupted: Bool)>((nil, false))

    /// Cancels the task, or the one attached later.
    func interrupt() {
        state.withLock { state -> Task<Void, any Error>? in
            state.interrupted = true
            return state.task
        }?.cancel()
    }

    /// Attaches `task`, cancelled at once if the signal came first.
    func attach(_ task: Task<Void, any Error>) {
        let interrupted = state.withLock { state -> Bool in
            state.task = task
            return state.interrupted
        }
        if interrupted { task.cancel() }
    }
}

/// How long an interrupted `events tail` waits for its cancelled request before it ends regardless.
private let interruptGrace: DispatchTimeInterval = .seconds(2)
