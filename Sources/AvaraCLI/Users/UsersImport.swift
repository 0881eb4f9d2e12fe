import ArgumentParser
import Avara
import AvaraClientTools
import AvaraRoster
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `avara <product> users import roster.csv [--report PATH] [--concurrency N] [--json]`.
struct UsersImport<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "import",
            abstract: "Invite every user of a CSV roster into \(Product.title), and write a report of each row.",
            discussion: """
                The header names the API's fields: \(Product.inviteFields.map(\.name).joined(separator: ",")). \
                Booleans are true/false, yes/no or 1/0; an empty cell is an absent field. Each row's invite carries an \
                Idempotency-Key derived from the product and the row's values, so running an interrupted import \
                again creates nobody twice. The report (row,email,outcome,userId,errors; outcome created, duplicate, \
                rejected or failed) goes beside the roster. Exit status 0 when every row was created or a \
                duplicate, 2 when any was rejected, 3 when any failed to be sent (run it again).
                """
        )
    }

    @Argument(help: "The roster: a CSV file with a header row of API field names.")
    var roster: String

    @Option(name: .long, help: "Where to write the report (default: beside the roster, ROSTER.report.csv).")
    var report: String?

    @Option(name: .long, help: "At most this many invites in flight at once, 1 to 64.")
    var concurrency = 8

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
    }

    func run() async throws {
        let rosterURL = URL(fileURLWithPath: roster)
        let parsed: Roster
        do {
            parsed = try Roster(csv: try Data(contentsOf: rosterURL), fields: Product.inviteFields)
        } catch let error as RosterError {
            printError(["error: \(roster): \(error)"])
            throw ClientExit.usage
        } catch {
            printError(["error: cannot read \(roster): \(error.localizedDescription)"])
            throw ClientExit.usage
        }
        let reportURL = report.map { URL(fileURLWithPath: $0) } ?? ImportReport.defaultURL(forRoster: rosterURL)
        do {
            // A report that cannot be written stops the import before anything is sent.
            try FileManager.default.createDirectory(
                at: reportURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(ImportReport.csv([]).utf8).write(to: reportURL, options: .atomic)
        } catch {
            printError(["error: cannot write the report \(reportURL.path): \(error.localizedDescription)"])
            throw ClientExit.usage
        }
        var summary: ImportSummary?
        try await withProductUsers(Product.self, transport: Self.transport(concurrency: concurrency)) { users in
            // One call before any row: a wrong key or URL stops here, not as a report of failed rows.
            _ = try await users.list(UserListFilter(pageSize: 1)).page()
            let progress = TerminalProgress()
            let start = ContinuousClock.now
            let results = await RosterImport(users: users, concurrency: concurrency).run(parsed) { progress.update($0) }
            progress.finish()
            let elapsed = ContinuousClock.now - start
            try Data(ImportReport.csv(results).utf8).write(to: reportURL, options: .atomic)
            summary = ImportSummary(results: results, elapsed: elapsed, report: reportURL.path)
        }
        guard let summary else { return }
        if output.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.text)
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    /// URLSession with as many connections to the server as invites in flight (its default is 6).
    static func transport(concurrency: Int) -> URLSessionTransport {
        let configuration = URLSessionConfiguration.default
        configuration.httpMaximumConnectionsPerHost = concurrency
        return URLSessionTransport(session: URLSession(configuration: configuration))
    }
}
