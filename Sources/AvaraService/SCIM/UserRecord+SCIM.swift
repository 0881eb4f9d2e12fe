import AvaraCore

/// A user as a SCIM `User` resource (RFC 7643 §4.1) with the product's extension.
///
/// `userName` is the identity provider's name of the user (``UserRecord/providerUserName``), else their email; the
/// one (work) email is the user's email; `name` carries the given, family and middle
/// names and the first suffix (`honorificSuffix`); the work phone number is the one of `phoneNumbers`; the product's
/// own fields are in the ``SCIMSchemaURN/avaraUser`` extension.
extension UserRecord {
    /// - Parameter location: The resource's URL (`{base}/Users/{id}`), for `meta.location`.
    func scimResource(location: String) -> [String: JSONValue] {
        var name: [String: JSONValue] = [
            "givenName": .string(firstName), "familyName": .string(lastName),
        ]
        name["middleName"] = middleName.map(JSONValue.string)
        name["honorificSuffix"] = suffix1.map(JSONValue.string)
        var extensionFields: [String: JSONValue] = [
            "clinicRole": .string(clinicRole), "level": .string(level), "canManageStudies": .bool(canManageStudies),
            "hasDashboardAccess": .bool(hasDashboardAccess),
        ]
        if product.takesReports {
            extensionFields["canCreateReports"] = .bool(canCreateReports ?? false)
            extensionFields["npiNumber"] = npiNumber.map(JSONValue.string)
        }
        var resource: [String: JSONValue] = [
            "schemas": .array([.string(SCIMSchemaURN.user), .string(SCIMSchemaURN.avaraUser)]),
            "id": .string(userId),
            "userName": .string(providerUserName ?? email),
            "name": .object(name),
            "displayName": .string("\(firstName) \(lastName)"),
            "emails": .array([.object(["value": .string(email), "type": .string("work")])]),
            "active": .bool(active),
            SCIMSchemaURN.avaraUser: .object(extensionFields),
            "meta": .object([
                "resourceType": .string("User"), "created": .string(Timestamp.string(createdAt)),
                "location": .string(location),
            ]),
        ]
        resource["externalId"] = externalId.map(JSONValue.string)
        if let phoneNumber {
            resource["phoneNumbers"] = .array([.object(["value": .string(phoneNumber), "type": .string("work")])])
        }
        return resource
    }
}
