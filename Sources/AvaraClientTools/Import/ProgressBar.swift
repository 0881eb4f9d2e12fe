import AvaraRoster
import Foundation

/// The progress line of an import: `[#######-------]  4210/10000  created 4200  duplicate 6  rejected 4  failed 0  812 rows/s`.
package struct ProgressBar: Sendable {
    /// The width of the bar between the brackets.
    package var width: Int

    package init(width: Int = 30) {
        self.width = width
    }

    /// The line for `tally` after `elapsed`, without a line end.
    package func line(_ tally: ImportTally, elapsed: Duration) -> String {
        let fraction = tally.total > 0 ? Double(tally.done) / Double(tally.total) : 1
        let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int((Double(tally.done) / seconds).rounded()) : 0
        let counts = ImportResult.Outcome.allCases.map { "\($0.rawValue) \(tally[$0])" }.joined(separator: "  ")
        return "[\(bar)] \(tally.done)/\(tally.total)  \(counts)  \(rate) rows/s"
    }
}

/// Draws a ``ProgressBar`` on standard error, in place, only when standard error is a terminal; at most ten
/// times a second, and always the last state.
package final class TerminalProgress {
    private let bar = ProgressBar()
    private let isTerminal: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?
    private var drewAnything = false

    /// - Parameter isTerminal: Whether to draw; by default whether standard error is a terminal.
    package init(isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.isTerminal = isTerminal
        start = clock.now
    }

    /// Shows `tally`, unless the last drawing is under 0.1 s old and rows are still to come.
    package func update(_ tally: ImportTally) {
        guard isTerminal else { return }
        let now = clock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(100), tally.done < tally.total { return }
        lastDrawn = now
        drewAnything = true
        FileHandle.standardError.write(Data(("\r" + bar.line(tally, elapsed: now - start) + "\u{1B}[K").utf8))
    }

    /// Ends the line of the bar, if one was drawn.
    package func finish() {
        if drewAnything { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
