import Foundation
import Testing

/// The built `avara` executable, run as a real process.
final class AvaraProcess: Sendable {
    /// Where the executable is: `AVARA_BIN`, or beside the test bundle in the build's products folder.
    static var executable: URL {
        get throws {
            if let path = ProcessInfo.processInfo.environment["AVARA_BIN"], !path.isEmpty {
                return URL(fileURLWithPath: path)
            }
            var folder = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = folder.appendingPathComponent("avara")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder.deleteLastPathComponent()
            }
            let fallback = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/avara")
            try #require(FileManager.default.isExecutableFile(atPath: fallback.path), "avara executable not found")
            return fallback
        }
    }

    private let process: SpawnedProcess
    private let stdoutReader: PipeReader
    private let stderrReader: PipeReader

    /// Starts `avara arguments…` in `directory`, with `environment` added to a clean environment.
    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        var merged = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        merged.merge(environment) { $1 }
        let stdout = Pipe()
        let stderr = Pipe()
        defer {
            // The child has its own copies: once it exits, the pipes end.
            try? stdout.fileHandleForWriting.close()
            try? stderr.fileHandleForWriting.close()
        }
        process = try SpawnedProcess(
            executable: try Self.executable.path, arguments: arguments, directory: directory.path, environment: merged,
            stdout: stdout.fileHandleForWriting, stderr: stderr.fileHandleForWriting
        )
        stdoutReader = PipeReader(stdout)
        stderrReader = PipeReader(stderr)
    }

    /// Runs `avara arguments…` to completion and returns its exit status and output.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try AvaraProcess(arguments, in: directory, environment: environment)
        let status = try await process.waitForExit()
        return (status, process.stdout, process.stderr)
    }

    var stdout: String { stdoutReader.text }
    var stderr: String { stderrReader.text }
    var isRunning: Bool { process.isRunning }

    /// Waits until standard output matches `pattern`, failing if the process exits or `seconds` pass first.
    func waitForOutput<Output>(
        matching pattern: Regex<Output>, seconds: Double = 60
    ) async throws -> Regex<Output>.Match {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let match = stdout.firstMatch(of: pattern) { return match }
            try #require(process.isRunning, "avara exited early; stderr:\n\(stderr)")
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for output; stdout:\n\(stdout)\nstderr:\n\(stderr)")
        throw CancellationError()
    }

    /// Waits until standard error contains `text`, failing if the process exits or `seconds` pass first.
    func waitForError(containing text: String, seconds: Double = 60) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if stderr.contains(text) { return }
            try #require(process.isRunning, "avara exited early; stderr:\n\(stderr)")
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(text) in stderr:\n\(stderr)")
        throw CancellationError()
    }

    /// Sends `signal` (SIGTERM by default).
    func signal(_ signal: Int32 = SIGTERM) {
        process.signal(signal)
    }

    /// Waits for the process to exit (killing it after `seconds`) and returns its exit status.
    func waitForExit(seconds: Double = 60) async throws -> Int32 {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var killed = false
        while process.isRunning {
            if !killed, ContinuousClock.now >= deadline {
                killed = true
                signal(SIGKILL)
                Issue.record("avara did not exit in \(seconds) s")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Everything the process wrote last, read to the pipes' ends.
        while !(stdoutReader.hasEnded && stderrReader.hasEnded), ContinuousClock.now < deadline + .seconds(5) {
            try await Task.sleep(for: .milliseconds(5))
        }
        return process.terminationStatus ?? -1
    }

    deinit {
        if process.isRunning { process.signal(SIGKILL) }
    }
}

/// A temporary working folder, removed after `body`.
func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("avara-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}
