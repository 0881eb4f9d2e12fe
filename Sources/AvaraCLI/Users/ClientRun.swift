import ArgumentParser
import Avara
import AvaraClientTools
import AvaraRoster
import Foundation

/// `--json`, shared by the client commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text: the API's field names, sorted keys.")
    var json = false
}

/// The exit statuses of the client commands.
enum ClientExit {
    /// The API answered an error, or could not be reached.
    static let apiError = ExitCode(1)
    /// Bad options or an unreadable roster (sysexits' EX_USAGE, as ArgumentParser uses).
    static let usage = ExitCode(64)
    /// No AVARA_API_KEY, or a bad AVARA_BASE_URL (sysexits' EX_CONFIG).
    static let configuration = ExitCode(78)
}

/// Writes `lines` to standard error.
func printError(_ lines: [String]) {
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
}

/// Runs `body` with the product's users, through the client from the environment; a missing key or a failed call is reported on
/// standard error and ends the command with ``ClientExit``'s status.
func withProductUsers<Product: AvaraProduct>(
    _ product: Product.Type, transport: any AvaraTransport = URLSessionTransport(),
    _ body: (ProductUsers<Product>) async throws -> Void
) async throws {
    try await withClient(transport: transport) { client in try await body(client.users(of: product)) }
}

/// Runs `body` with the client from the environment (`AVARA_API_KEY`, `AVARA_BASE_URL`); a missing key or a failed
/// call is reported on standard error and ends the command with ``ClientExit``'s status.
func withClient(
    transport: any AvaraTransport = URLSessionTransport(), _ body: (AvaraClient) async throws -> Void
) async throws {
    let client: AvaraClient
    do {
        client = try AvaraClient(transport: transport)
    } catch {
        printError(ErrorText.lines(for: error))
        throw ClientExit.configuration
    }
    do {
        try await body(client)
    } catch let error as AvaraError {
        printError(ErrorText.lines(for: error))
        throw ClientExit.apiError
    }
}

/// Reports `problems` on standard error, naming each field by its option, and returns the usage status to throw.
func usageError(_ problems: FieldProblems) -> ExitCode {
    let lines = problems.errors.map { "  \(optionName(forField: $0.field)): \($0.message)" }
    printError(["error: the options do not make a valid request:"] + lines)
    return ClientExit.usage
}

/// Prints one user: a table of its fields, or one line of JSON.
func printUser(_ user: some Encodable, json: Bool) throws {
    if json {
        print(String(decoding: try OutputJSON.encode(user), as: UTF8.self))
    } else {
        print(try PrintableUser(user).detailTable.text, terminator: "")
    }
}
