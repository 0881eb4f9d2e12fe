import Avara
import AvaraRoster

extension FieldReader {
    /// A reader of an update's values and the optional fields it clears, starting with the problems no product
    /// accepts: an email (it cannot change), or clearing a field not in `clearable`.
    init(update values: FieldValues, clearing: Set<String>, clearable: [String]) {
        self.init(values)
        self.clearing = clearing
        if values["email"] != nil {
            problems.append(.init(field: "email", message: "cannot be changed; invite the new address instead"))
        }
        for name in clearing.sorted() where !clearable.contains(name) {
            problems.append(
                .init(field: name, message: "cannot be cleared (only \(clearable.joined(separator: ", ")) can)")
            )
        }
    }

    /// An optional value of an update: the new value, `.null` when cleared, `nil` to leave it unchanged.
    mutating func nullable(_ name: String) -> Nullable<String>? {
        if clearing.contains(name) {
            if values[name] != nil {
                problems.append(.init(field: name, message: "cannot be both set and cleared"))
            }
            return .null
        }
        return values[name].map { .value($0) }
    }

    /// The changes to the fields every product has.
    mutating func changes<Product: AvaraProduct>() -> UserUpdateParams<Product> {
        UserUpdateParams(
            canManageStudies: boolean("canManageStudies"),
            clinicRole: values["clinicRole"].map(Product.ClinicRole.init(rawValue:)),
            firstName: values["firstName"], hasDashboardAccess: boolean("hasDashboardAccess"),
            lastName: values["lastName"], level: values["level"].map(UserLevel.init(rawValue:)),
            middleName: nullable("middleName"), phoneNumber: nullable("phoneNumber"), suffix1: nullable("suffix1"),
            suffix2: nullable("suffix2")
        )
    }
}
