import ArgumentParser
import AvaraCore
import AvaraService

/// The owner `clinics create` and `clinics add-owner` make: a user of both products with level `owner` and
/// dashboard access, sent one invitation to set a password.
struct OwnerOptions: ParsableArguments {
    @Option(name: .customLong("owner-email"), help: "The owner's email: the invitation to set a password goes there.")
    var email: String?

    @Option(name: .customLong("owner-first-name"), help: "The owner's first name.")
    var firstName: String?

    @Option(name: .customLong("owner-last-name"), help: "The owner's last name.")
    var lastName: String?

    /// Whether any owner option was given.
    var isGiven: Bool { email != nil || firstName != nil || lastName != nil }

    mutating func validate() throws {
        if isGiven, email == nil || firstName == nil || lastName == nil {
            throw ValidationError("--owner-email, --owner-first-name and --owner-last-name go together")
        }
    }

    private var fields: [String: JSONValue] {
        ["email": .string(email ?? ""), "firstName": .string(firstName ?? ""), "lastName": .string(lastName ?? "")]
    }

    /// Checks the owner against the core's rules, before anything is written.
    ///
    /// - Throws: `ValidationError` naming every option the rules refuse.
    func check(with environment: ServiceEnvironment) throws {
        do {
            _ = try environment.services.invitations.ownerRequests(fields: fields, products: Product.allCases)
        } catch ServiceError.invalid(let errors) {
            throw Self.validationError(errors)
        }
    }

    /// Makes the owner in `clinic`, in both products.
    ///
    /// - Throws: `ValidationError` naming every field the core's rules refuse.
    func makeOwner(in clinic: Clinic, environment: ServiceEnvironment) async throws -> [UserRecord] {
        do {
            return try await environment.services.invitations.inviteOwner(
                fields: fields, products: Product.allCases, context: .cli(clinic))
        } catch ServiceError.invalid(let errors) {
            throw Self.validationError(errors)
        } catch ServiceError.emailTaken(let product) {
            throw ValidationError("the clinic already has a \(product.displayName) user with this email")
        }
    }

    private static func validationError(_ errors: [FieldError]) -> ValidationError {
        ValidationError(errors.map { "--owner-\(optionName($0.field)): \($0.message)" }.joined(separator: "\n"))
    }

    private static func optionName(_ field: String) -> String {
        switch field {
        case "firstName": "first-name"
        case "lastName": "last-name"
        default: field
        }
    }
}
