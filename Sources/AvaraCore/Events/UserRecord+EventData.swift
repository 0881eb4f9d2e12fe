import Foundation

extension UserRecord {
    /// The user as the API writes it (its product's user schema), for events: what `GET /v1/{product}/users/{id}`
    /// answers at the same moment, which a test holds. Optional fields without a value are left out, as the API
    /// does; `lastLoginAt` is `null` until the first login.
    package var eventData: JSONValue {
        var object: [String: JSONValue] = [
            "userId": .string(userId), "email": .string(email), "firstName": .string(firstName),
            "lastName": .string(lastName), "clinicRole": .string(clinicRole), "level": .string(level),
            "canManageStudies": .bool(canManageStudies), "hasDashboardAccess": .bool(hasDashboardAccess),
            "invitedSource": .string(invitedSource), "createdAt": .string(Timestamp.string(createdAt)),
            "lastLoginAt": lastLoginAt.map { .string(Timestamp.string($0)) } ?? .null,
            "invitationStatus": .string((invitation?.status ?? .pending).rawValue),
            "invitationExpiresAt": .string(Timestamp.string(invitation?.expiresAt ?? createdAt)),
            "active": .bool(active),
        ]
        object.merge(editableOptionalValues.compactMapValues { $0 }) { _, new in new }
        if product == .autoScribe {
            object["canCreateReports"] = .bool(canCreateReports ?? false)
        }
        if let email = invitation?.email {
            var state: [String: JSONValue] = ["status": .string(email.status.rawValue)]
            state["reason"] = email.reason.map(JSONValue.string)
            object["invitationEmail"] = .object(state)
        }
        return .object(object)
    }

    /// The optional fields a change may set or clear, by their API names (`nil` when unset; `npiNumber` for
    /// AutoScribe only).
    private var editableOptionalValues: [String: JSONValue?] {
        var values: [String: JSONValue?] = [
            "middleName": middleName.map(JSONValue.string), "suffix1": suffix1.map(JSONValue.string),
            "suffix2": suffix2.map(JSONValue.string), "phoneNumber": phoneNumber.map(JSONValue.string),
        ]
        if product == .autoScribe { values["npiNumber"] = npiNumber.map(JSONValue.string) }
        return values
    }

    /// Every field a change may make, by its API name, with its value (`null` for an unset optional one); `active`
    /// and `email` change through SCIM.
    package var editableValues: [String: JSONValue] {
        var values: [String: JSONValue] = [
            "email": .string(email), "firstName": .string(firstName), "lastName": .string(lastName),
            "clinicRole": .string(clinicRole),
            "level": .string(level), "canManageStudies": .bool(canManageStudies),
            "hasDashboardAccess": .bool(hasDashboardAccess), "active": .bool(active),
        ]
        if product == .autoScribe { values["canCreateReports"] = .bool(canCreateReports ?? false) }
        for (field, value) in editableOptionalValues { values[field] = value ?? .null }
        return values
    }

    /// The fields whose values differ in `changed`, with their values here (before the change).
    package func previousValues(changedIn changed: UserRecord) -> [String: JSONValue] {
        let after = changed.editableValues
        return editableValues.filter { field, value in after[field] != value }
    }
}
