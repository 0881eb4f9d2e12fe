import ArgumentParser

/// Options that set a user's fields; ``fieldValues`` names them as the API does.
protocol FieldOptions: ParsableArguments {
    /// The values given, by API field name; booleans as `true`/`false`.
    var fieldValues: [String: String] { get }
}

/// The fields of a user that both products have, except the email (invite has it, update cannot change it).
struct UserFieldOptions: FieldOptions {
    @Option(name: .customLong("first-name"), help: "First name, 1 to 100 characters (firstName).")
    var firstName: String?

    @Option(name: .customLong("middle-name"), help: "Middle name (middleName); optional.")
    var middleName: String?

    @Option(name: .customLong("last-name"), help: "Last name, 1 to 100 characters (lastName).")
    var lastName: String?

    @Option(name: .customLong("suffix1"), help: "A name suffix such as Jr. or MD (suffix1); optional.")
    var suffix1: String?

    @Option(name: .customLong("suffix2"), help: "A second name suffix such as FACR (suffix2); optional.")
    var suffix2: String?

    @Option(
        name: .customLong("clinic-role"),
        help: "The clinic role, exactly as the API spells it, e.g. \"Radiologist\" (clinicRole)."
    )
    var clinicRole: String?

    @Option(name: .long, help: "admin or member (level). Admins need --has-dashboard-access.")
    var level: String?

    @Flag(inversion: .prefixedNo, help: "Whether the user may create, update and manage studies (canManageStudies).")
    var canManageStudies: Bool?

    @Flag(inversion: .prefixedNo, help: "Whether the user may log in to the dashboard (hasDashboardAccess).")
    var hasDashboardAccess: Bool?

    @Option(name: .customLong("phone-number"), help: "10 to 15 digits (phoneNumber); optional.")
    var phoneNumber: String?

    var fieldValues: [String: String] {
        let values: [String: String?] = [
            "firstName": firstName, "middleName": middleName, "lastName": lastName, "suffix1": suffix1,
            "suffix2": suffix2, "clinicRole": clinicRole, "level": level,
            "canManageStudies": canManageStudies.map(String.init),
            "hasDashboardAccess": hasDashboardAccess.map(String.init),
            "phoneNumber": phoneNumber,
        ]
        return values.compactMapValues { $0 }
    }
}

/// The fields only AutoScribe has.
struct AutoScribeFieldOptions: FieldOptions {
    @Flag(inversion: .prefixedNo, help: "Whether the user may write reports; needs --npi-number (canCreateReports).")
    var canCreateReports: Bool?

    @Option(
        name: .customLong("npi-number"),
        help: "National Provider Identifier, 10 digits with a valid check digit (npiNumber)."
    )
    var npiNumber: String?

    var fieldValues: [String: String] {
        let values: [String: String?] = ["canCreateReports": canCreateReports.map(String.init), "npiNumber": npiNumber]
        return values.compactMapValues { $0 }
    }
}

/// No fields: Viewer has none of its own.
struct NoFieldOptions: FieldOptions {
    var fieldValues: [String: String] { [:] }
}

/// The option that sets the API field `name`: `firstName` is `--first-name`, `suffix1` is `--suffix1`.
func optionName(forField name: String) -> String {
    var option = "--"
    for character in name {
        if character.isUppercase {
            option += "-" + character.lowercased()
        } else {
            option.append(character)
        }
    }
    return option
}
