import ArgumentParser
import AvaraClientTools

/// `avara <product> users delete USER_ID`.
struct UsersDelete<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "delete",
            abstract: "Remove a \(Product.title) user: they can no longer log in and their invitation link stops working."
        )
    }

    @Argument(help: "The user's id, usr_ and 32 hexadecimal characters.")
    var userId: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withProductClient(Product.self) { users in
            try await users.delete(userId: userId)
            print(output.json ? #"{"deleted":true,"userId":"\#(userId)"}"# : "Deleted \(userId).")
        }
    }
}
