import ArgumentParser
import Avara
import AvaraClientTools
import AvaraRoster

/// `avara <product> users invite --email … --first-name … …`.
struct UsersInvite<Product: CommandLineProduct>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        let required = Product.inviteFields.filter(\.isRequired).map { optionName(forField: $0.name) }
        return CommandConfiguration(
            commandName: "invite",
            abstract: "Invite a user into \(Product.title): create them and send the invitation email.",
            discussion: """
                Required: \(required.joined(separator: ", ")) \
                (booleans as --FLAG or --no-FLAG). Prints the new user.
                """
        )
    }

    @Option(name: .long, help: "The user's email address, for login and notifications (email).")
    var email: String?

    @OptionGroup var fields: UserFieldOptions
    @OptionGroup var productFields: Product.ExtraFieldOptions

    @Option(
        name: .customLong("idempotency-key"),
        help: "Send this Idempotency-Key: running the same invite again within 24 h answers the first result."
    )
    var idempotencyKey: String?

    @OptionGroup var output: OutputOptions

    func run() async throws {
        var values = fields.fieldValues.merging(productFields.fieldValues) { $1 }
        values["email"] = email
        let params: Product.UserInviteParams
        do throws(FieldProblems) {
            params = try Product.inviteParams(from: FieldValues(values))
        } catch {
            throw usageError(error)
        }
        try await withProductUsers(Product.self) { users in
            let user = try await users.invite(params, options: RequestOptions(idempotencyKey: idempotencyKey))
            try printUser(user, json: output.json)
        }
    }
}
