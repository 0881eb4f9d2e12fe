import ArgumentParser
import Avara
import AvaraClientTools

/// `avara <product> users get USER_ID`.
struct UsersGet<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "get", abstract: "Show one \(Product.title) user with all their fields.")
    }

    @Argument(help: "The user's id, usr_ and 32 hexadecimal characters.")
    var userId: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await withProductUsers(Product.self) { users in
            try printUser(try await users.retrieve(userId: userId), json: output.json)
        }
    }
}
