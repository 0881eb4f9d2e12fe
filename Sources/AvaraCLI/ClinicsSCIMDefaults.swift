import ArgumentParser
import AvaraCore
import AvaraService
import Foundation

/// `avara clinics scim-defaults --clinic ID --product viewer|autoScribe [--clinic-role R] [--level L] [--[no-]…]`.
struct ClinicsSCIMDefaults: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scim-defaults",
        abstract: "Show or set what users created by the clinic's identity provider (SCIM) get for fields it omits.",
        discussion: """
            Without a value option, prints the product's defaults. With some, changes those and keeps the others; \
            the result must pass the invite rules (an admin needs dashboard access; reports need an NPI number, \
            which a default cannot give). Until set: role Other, level member, every permission off.
            """
    )

    @Option(name: .long, help: "The clinic's id, cln_ and 32 hexadecimal characters.")
    var clinic: String

    @Option(name: .long, help: "The product: viewer or autoScribe.")
    var product: String

    @Option(name: .long, help: "The clinic role, one of the product's roles.")
    var clinicRole: String?

    @Option(name: .long, help: "The level: member or admin.")
    var level: String?

    @Flag(inversion: .prefixedNo, help: "Whether the user can manage studies.")
    var canManageStudies: Bool?

    @Flag(inversion: .prefixedNo, help: "Whether the user can sign in to the dashboard (admins must).")
    var hasDashboardAccess: Bool?

    @Flag(inversion: .prefixedNo, help: "AutoScribe: whether the user can create reports.")
    var canCreateReports: Bool?

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        guard let product = Product.allCases.first(where: { $0.rawValue == self.product }) else {
            throw ValidationError("--product must be viewer or autoScribe")
        }
        let shown = try await databaseOptions.withEnvironment { environment in
            guard let found = try await environment.clinics.clinic(id: clinic) else {
                throw ValidationError("no clinic \(clinic) in this database")
            }
            let provisioning = environment.services.provisioning
            var defaults = try await provisioning.defaults(product: product, context: .cli(found))
            guard
                clinicRole != nil || level != nil || canManageStudies != nil || hasDashboardAccess != nil
                    || canCreateReports != nil
            else { return defaults }
            defaults.clinicRole = clinicRole ?? defaults.clinicRole
            defaults.level = level ?? defaults.level
            defaults.canManageStudies = canManageStudies ?? defaults.canManageStudies
            defaults.hasDashboardAccess = hasDashboardAccess ?? defaults.hasDashboardAccess
            defaults.canCreateReports = canCreateReports ?? defaults.canCreateReports
            do {
                try await provisioning.setDefaults(defaults, product: product, context: .cli(found))
            } catch ServiceError.invalid(let errors) {
                throw ValidationError(errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
            }
            return defaults
        }
        print("\(product.displayName) users created by SCIM get, unless the identity provider sends them:")
        print("  clinicRole          \(shown.clinicRole)")
        print("  level               \(shown.level)")
        print("  canManageStudies    \(shown.canManageStudies)")
        print("  hasDashboardAccess  \(shown.hasDashboardAccess)")
        if product.takesReports { print("  canCreateReports    \(shown.canCreateReports)") }
    }
}
