import Foundation
import Testing

/// An `avara serve` on a free port in a temporary folder, for the client commands to talk to.
struct ClientServer {
    let folder: URL
    let port: Int
    let apiKey: String

    /// What the client commands need: the key and where the server is.
    var environment: [String: String] {
        ["AVARA_API_KEY": apiKey, "AVARA_BASE_URL": "http://127.0.0.1:\(port)"]
    }

    /// Runs `avara arguments…` as a client of this server, in its folder.
    func run(
        _ arguments: [String], environment extra: [String: String] = [:]
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await AvaraProcess.run(arguments, in: folder, environment: environment.merging(extra) { $1 })
    }

    /// Starts `avara arguments…` as a client of this server, in its folder, and returns it running.
    func start(_ arguments: [String]) throws -> AvaraProcess {
        try AvaraProcess(arguments, in: folder, environment: environment)
    }

    /// Runs `avara arguments… --json` and reads its output as one JSON object.
    func json(_ arguments: [String]) async throws -> [String: Any] {
        let result = try await run(arguments + ["--json"])
        try #require(result.status == 0, "avara \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }
}

/// Starts `avara serve --port 0` on a fresh database in a temporary folder, with `serveArguments` added, runs `body`
/// with it, and stops it.
func withClientServer<T>(
    serveArguments: [String] = [], _ body: (ClientServer) async throws -> T
) async throws -> T {
    try await withTemporaryFolder { folder in
        let process = try AvaraProcess(
            ["serve", "--port", "0", "--database", "client.sqlite"] + serveArguments, in: folder)
        let listening = try await process.waitForOutput(matching: /avara listening on http:\/\/127\.0\.0\.1:(\d+)/)
        let key = try await process.waitForOutput(matching: /Bearer (avk_[0-9a-f]{16}_[A-Za-z0-9_-]{43})/)
        let server = ClientServer(folder: folder, port: try #require(Int(listening.1)), apiKey: String(key.1))
        do {
            let result = try await body(server)
            process.signal(SIGTERM)
            #expect(try await process.waitForExit() == 0, "server stderr: \(process.stderr)")
            return result
        } catch {
            process.signal(SIGTERM)
            _ = try? await process.waitForExit()
            throw error
        }
    }
}
