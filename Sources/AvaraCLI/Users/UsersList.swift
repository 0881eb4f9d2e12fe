import ArgumentParser
import Avara
import AvaraClientTools
import Foundation

/// `avara <product> users list [filters] [--limit N] [--json]`.
struct UsersList<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list",
            abstract: "List the clinic's \(Product.title) users, oldest first: every page, or the first --limit users.",
            discussion: "--json prints one JSON array, one user per line, written as the pages arrive."
        )
    }

    @Option(name: .long, help: "Only users of this level: admin, member or owner.")
    var level: String?

    @Option(name: .customLong("clinic-role"), help: "Only users with this clinic role, e.g. \"Radiologist\".")
    var clinicRole: String?

    @Option(
        name: .customLong("invitation-status"),
        help: "Only users whose invitation is pending, accepted, expired or revoked.")
    var invitationStatus: String?

    @Option(name: .long, help: "Only the user with this email, in any case.")
    var email: String?

    @Option(
        name: .customLong("q"), help: "Only users whose first name, last name or email starts with this, in any case.")
    var q: String?

    @Option(name: .long, help: "At most this many users (default: all of them, fetched 100 per request).")
    var limit: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let filter = UserListFilter(
            level: level, clinicRole: clinicRole, invitationStatus: invitationStatus, email: email, q: q,
            pageSize: min(limit ?? 100, 100)
        )
        try await withProductUsers(Product.self) { users in
            var records: [PrintableUser] = []
            var count = 0
            for try await user in users.list(filter) {
                if output.json {
                    // The array opens with its first user, so that a failure before any user prints no JSON at all.
                    print(
                        (count == 0 ? "[\n" : ",\n") + String(decoding: try OutputJSON.encode(user), as: UTF8.self),
                        terminator: "")
                } else {
                    records.append(try PrintableUser(user))
                }
                count += 1
                if let limit, count >= limit { break }
            }
            if output.json {
                print(count == 0 ? "[]" : "\n]")
            } else {
                print(PrintableUser.listTable(records).text, terminator: "")
                print(count == 1 ? "1 user" : "\(count) users")
            }
        }
    }
}
