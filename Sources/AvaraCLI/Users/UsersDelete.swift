import ArgumentParser
import Avara
import AvaraClientTools
import Foundation

/// `avara <product> users delete USER_ID`.
struct UsersDelete<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "delete",
            abstract:
                "Remove a \(Product.title) user: they can no longer log in and their invitation link stops working."
        )
    }

    @Argument(help: "The user's id, usr_ and 32 hexadecimal characters.")
    var userId: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withProductUsers(Product.self) { users in
            try await users.delete(userId: userId)
            if output.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(Deleted(userId: userId)), as: UTF8.self))
            } else {
                print("Deleted \(userId).")
            }
        }
    }
}

/// The `--json` output of `delete`.
private struct Deleted: Encodable {
    var deleted = true
    var userId: String
}
