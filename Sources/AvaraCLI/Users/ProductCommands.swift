import ArgumentParser
import Avara
import AvaraClientTools

/// A product as the `avara` client commands see it: its users and the options of its own fields.
protocol CommandLineProduct: FieldMappedProduct {
    associatedtype ExtraFieldOptions: FieldOptions
    /// The product's name for people: `Viewer`, `AutoScribe`.
    static var title: String { get }
}

extension Viewer: CommandLineProduct {
    typealias ExtraFieldOptions = NoFieldOptions
    static var title: String { "Viewer" }
}

extension AutoScribe: CommandLineProduct {
    typealias ExtraFieldOptions = AutoScribeFieldOptions
    static var title: String { "AutoScribe" }
}

/// `avara viewer` and `avara autoScribe`.
struct ProductCommand<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Product.apiName,
            abstract: "\(Product.title), through the API (AVARA_API_KEY, AVARA_BASE_URL).",
            subcommands: [UsersCommand<Product>.self]
        )
    }
}

/// `avara viewer users …` and `avara autoScribe users …`.
struct UsersCommand<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "users",
            abstract: "Invite, list, show, update, delete and import the clinic's \(Product.title) users.",
            discussion: """
                Reads AVARA_API_KEY (required) and AVARA_BASE_URL (default http://127.0.0.1:8080). Exit status: 0 \
                done, 1 the API answered an error or could not be reached, 2 an import rejected rows, 3 an import \
                could not send some rows, 64 bad usage or roster, 78 no AVARA_API_KEY or a bad AVARA_BASE_URL.
                """,
            subcommands: [
                UsersInvite<Product>.self, UsersList<Product>.self, UsersGet<Product>.self,
                UsersUpdate<Product>.self, UsersDelete<Product>.self, UsersImport<Product>.self,
            ]
        )
    }
}
