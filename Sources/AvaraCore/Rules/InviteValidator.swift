/// Checks an invitation request body against one product's rules.
///
/// Validation never stops at the first problem: `validate(_:)` lists every
/// violation, field by field in the spec's (alphabetical) order, followed by the
/// rules that span several fields. Unknown fields are ignored.
package struct InviteValidator: Sendable {
    /// The product rules bodies are checked against.
    package let rules: ProductRules

    /// Creates a validator for the product described by `rules`.
    package init(rules: ProductRules) {
        self.rules = rules
    }

    /// The invite in `body`, or every rule it breaks.
    package func request(from body: [String: JSONValue]) -> Result<InviteRequest, ServiceError> {
        let errors = validate(body)
        guard errors.isEmpty else { return .failure(.invalid(errors)) }
        guard let request = InviteRequest(product: rules.product, validBody: body) else {
            // Unreachable while validate(_:) checks every field InviteRequest reads; refused all the same.
            return .failure(.invalid([FieldError(field: "body", message: "is not a complete invite")]))
        }
        return .success(request)
    }

    /// Every rule `body` breaks; an empty array means the body is valid.
    package func validate(_ body: [String: JSONValue]) -> [FieldError] {
        var reader = BodyFieldReader(body: body)

        let canCreateReports = rules.supportsReports ? reader.requiredBool(.canCreateReports) : nil
        _ = reader.requiredBool(.canManageStudies)
        if let role = reader.requiredString(.clinicRole) {
            reader.report(.clinicRole, ClinicRoleRule.messages(for: role, rules: rules))
        }
        if let email = reader.requiredString(.email) {
            reader.report(.email, EmailRule.messages(for: email))
        }
        checkName(.firstName, required: true, with: &reader)
        let hasDashboardAccess = reader.requiredBool(.hasDashboardAccess)
        checkName(.lastName, required: true, with: &reader)
        // The cross-field rules see the level only when it can be assigned.
        var level = reader.requiredString(.level)
        if let given = level {
            let messages = LevelRule.messages(for: given)
            reader.report(.level, messages)
            if !messages.isEmpty { level = nil }
        }
        checkName(.middleName, required: false, with: &reader)
        if rules.supportsReports, let npi = reader.optionalString(.npiNumber) {
            reader.report(.npiNumber, NPINumber.messages(for: npi))
        }
        if let phoneNumber = reader.optionalString(.phoneNumber) {
            reader.report(.phoneNumber, PhoneNumberRule.messages(for: phoneNumber))
        }
        checkName(.suffix1, required: false, with: &reader)
        checkName(.suffix2, required: false, with: &reader)

        return reader.errors
            + UserRules.errors(
                level: level,
                hasDashboardAccess: hasDashboardAccess, canCreateReports: canCreateReports,
                hasNPINumber: !reader.isMissing(.npiNumber)
            )
    }

    /// Checks the name part in `field`, which may be absent or null unless `required`.
    private func checkName(_ field: InviteField, required: Bool, with reader: inout BodyFieldReader) {
        let name = required ? reader.requiredString(field) : reader.optionalString(field)
        if let name {
            reader.report(field, NameRule.messages(for: name))
        }
    }
}
