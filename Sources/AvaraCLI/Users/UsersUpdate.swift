import ArgumentParser
import Avara
import AvaraClientTools
import AvaraRoster

/// `avara <product> users update USER_ID [--first-name …] [--clear middleName] …`.
struct UsersUpdate<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "update",
            abstract: "Change a \(Product.title) user's fields; the others stay as they are. Prints the user.",
            discussion: "The email cannot be changed. --clear FIELD removes an optional field (repeatable)."
        )
    }

    @Argument(help: "The user's id, usr_ and 32 hexadecimal characters.")
    var userId: String

    @OptionGroup var fields: UserFieldOptions
    @OptionGroup var productFields: Product.ExtraFieldOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An optional field to remove, by its API name: \(Product.clearableFields.joined(separator: ", ")). Repeatable.",
            valueName: "field"
        )
    )
    var clear: [String] = []

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let values = FieldValues(fields.fieldValues.merging(productFields.fieldValues) { $1 })
        guard !values.values.isEmpty || !clear.isEmpty else {
            printError(["error: nothing to change: give at least one field option or --clear FIELD"])
            throw ClientExit.usage
        }
        let params: Product.UserUpdateParams
        do throws(FieldProblems) {
            params = try Product.updateParams(from: values, clearing: Set(clear))
        } catch {
            throw usageError(error)
        }
        try await withProductUsers(Product.self) { users in
            try printUser(try await users.update(userId: userId, params), json: output.json)
        }
    }
}
