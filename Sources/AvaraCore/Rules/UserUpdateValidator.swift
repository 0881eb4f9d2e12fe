/// Checks an update body against one product's rules, field by field.
///
/// Every field is optional; a field that is given must pass the rule it has in an invite, required fields may not
/// be `null`, and `email` cannot be changed. The rules spanning several fields (``UserRules``) need the stored user
/// and are checked on the result of the update. Unknown fields are ignored, as in invites.
package struct UserUpdateValidator: Sendable {
    /// The product rules bodies are checked against.
    package let rules: ProductRules

    /// The changes `body` asks for, or every rule it breaks.
    package func validate(_ body: [String: JSONValue]) -> Result<UserChanges, UserUpdateRejection> {
        var reader = BodyFieldReader(body: body)
        var changes = UserChanges()
        if rules.supportsReports {
            changes.canCreateReports = reader.givenBool(.canCreateReports)
        }
        changes.canManageStudies = reader.givenBool(.canManageStudies)
        changes.clinicRole = reader.givenString(.clinicRole)
        if let role = changes.clinicRole {
            reader.report(.clinicRole, ClinicRoleRule.messages(for: role, rules: rules))
        }
        if body[InviteField.email.rawValue] != nil {
            reader.report(.email, "cannot be changed; remove the user and invite the new address")
        }
        changes.firstName = givenName(.firstName, with: &reader)
        changes.hasDashboardAccess = reader.givenBool(.hasDashboardAccess)
        changes.lastName = givenName(.lastName, with: &reader)
        changes.level = reader.givenString(.level)
        if let level = changes.level {
            reader.report(.level, LevelRule.messages(for: level))
        }
        changes.middleName = clearableName(.middleName, with: &reader)
        if rules.supportsReports {
            changes.npiNumber = reader.clearableString(.npiNumber)
            if case .some(.some(let npi)) = changes.npiNumber {
                reader.report(.npiNumber, NPINumber.messages(for: npi))
            }
        }
        changes.phoneNumber = reader.clearableString(.phoneNumber)
        if case .some(.some(let phoneNumber)) = changes.phoneNumber {
            reader.report(.phoneNumber, PhoneNumberRule.messages(for: phoneNumber))
        }
        changes.suffix1 = clearableName(.suffix1, with: &reader)
        changes.suffix2 = clearableName(.suffix2, with: &reader)
        return reader.errors.isEmpty ? .success(changes) : .failure(UserUpdateRejection(errors: reader.errors))
    }

    private func givenName(_ field: InviteField, with reader: inout BodyFieldReader) -> String? {
        let name = reader.givenString(field)
        if let name { reader.report(field, NameRule.messages(for: name)) }
        return name
    }

    private func clearableName(_ field: InviteField, with reader: inout BodyFieldReader) -> String?? {
        let change = reader.clearableString(field)
        if case .some(.some(let name)) = change { reader.report(field, NameRule.messages(for: name)) }
        return change
    }
}

/// The rules an update body breaks.
package struct UserUpdateRejection: Error, Equatable {
    package var errors: [FieldError]
}
