import AvaraCore

/// What a SCIM `PATCH` or `PUT` changes of a user, in the core's terms: the fields ``UserDirectoryService`` updates,
/// whether the user is active, and the `externalId`.
///
/// Attributes the service does not keep (`displayName`, `name.formatted`, `title`, the enterprise extension, ...)
/// are ignored, as identity providers send them by default; `userName` and the email cannot change (`mutability`),
/// unless to the same address.
struct SCIMUserChange: Equatable {
    var fields: [String: JSONValue] = [:]
    var active: Bool?
    var externalId: String??

    /// The changes of a `PATCH`'s operations to `user`.
    init(operations: [SCIMPatchOperation], of user: UserRecord) throws(SCIMError) {
        for operation in operations {
            if operation.op == .remove {
                guard let path = operation.path else { throw SCIMError.noTarget("A remove needs a path.") }
                try assign(path, .null, of: user)
            } else {
                for pair in try operation.pathValues() { try assign(pair.path, pair.value, of: user) }
            }
        }
    }

    /// The changes of a `PUT` of `resource` to `user`: the names and phone number as sent (left out, an optional one
    /// is cleared), the extension's attributes sent, `active` and `externalId` when sent.
    init(replacing resource: [String: JSONValue], of user: UserRecord) throws(SCIMError) {
        let request = try SCIMUserRequest(resource, product: user.product)
        if let email = request.fields[InviteField.email.rawValue] {
            try Self.keep(email, of: user)
        }
        for field in [InviteField.middleName, .suffix1, .phoneNumber] { fields[field.rawValue] = .null }
        fields.merge(request.fields.filter { $0.key != InviteField.email.rawValue }) { _, sent in sent }
        active = request.active
        if resource.keys.contains(where: { $0.lowercased() == "externalid" }) { externalId = .some(request.externalId) }
    }

    private mutating func assign(_ path: SCIMAttributePath, _ value: JSONValue, of user: UserRecord) throws(SCIMError) {
        switch path.normalizedSchema {
        case SCIMSchemaURN.avaraUser.lowercased()?:
            try assignExtension(path.normalizedSubAttribute ?? path.normalizedAttribute, value, of: user)
            return
        case nil, SCIMSchemaURN.user.lowercased()?:
            break
        default:
            return  // The enterprise extension, and any other: not kept.
        }
        switch (path.normalizedAttribute, path.normalizedSubAttribute) {
        case ("active", nil):
            active = try SCIMUserRequest.boolean(value)
        case ("externalid", nil):
            switch value {
            case .string(let id): externalId = .some(id)
            case .null: externalId = .some(nil)
            default: throw SCIMError.invalidValue("externalId must be a string.")
            }
        case ("username", nil), ("emails", _):
            try Self.keep(Self.firstValue(value), of: user)
        case ("name", nil):
            guard case .object(let members) = value else {
                if value == .null { throw SCIMError.mutability("name.givenName and name.familyName are required.") }
                throw SCIMError.invalidValue("name must be an object.")
            }
            for (member, memberValue) in members { try assignName(member.lowercased(), memberValue) }
        case ("name", let part?):
            try assignName(part, value)
        case ("phonenumbers", _):
            fields[InviteField.phoneNumber.rawValue] = Self.firstValue(value)
        case (let attribute, nil) where Self.extensionAttribute(attribute) != nil:
            // Okta sends an extension's attributes without its URN, beside the core ones.
            try assignExtension(attribute, value, of: user)
        default:
            return  // displayName, title, addresses, ...: not kept.
        }
    }

    private mutating func assignName(_ part: String, _ value: JSONValue) throws(SCIMError) {
        let field: InviteField? =
            switch part {
            case "givenname": .firstName
            case "familyname": .lastName
            case "middlename": .middleName
            case "honorificsuffix": .suffix1
            default: nil  // formatted, honorificPrefix: not kept
            }
        if let field { fields[field.rawValue] = value }
    }

    private mutating func assignExtension(
        _ attribute: String, _ value: JSONValue, of user: UserRecord
    ) throws(SCIMError) {
        guard let field = Self.extensionAttribute(attribute),
            user.product.takesReports || (field != .canCreateReports && field != .npiNumber)
        else {
            throw SCIMError.invalidPath("\(SCIMSchemaURN.avaraUser) has no attribute \(attribute).")
        }
        switch (field, value) {
        case (.canManageStudies, .string), (.hasDashboardAccess, .string), (.canCreateReports, .string):
            fields[field.rawValue] = .bool(try SCIMUserRequest.boolean(value))
        default:
            fields[field.rawValue] = value
        }
    }

    private static func extensionAttribute(_ attribute: String) -> InviteField? {
        SCIMUserAttributes.extensionFields.first { $0.rawValue.lowercased() == attribute }
    }

    /// A multi-valued attribute's value: the string itself, an entry's `value`, or the first entry's.
    private static func firstValue(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let entries): entries.first.map(firstValue) ?? .null
        case .object(let members): SCIMUserRequest.caseless(members)["value"] ?? .null
        default: value
        }
    }

    /// Refuses a change of the email: it is the user's identity in the clinic.
    private static func keep(_ email: JSONValue, of user: UserRecord) throws(SCIMError) {
        guard case .string(let address) = email, address.lowercased() == user.emailKey else {
            throw SCIMError.mutability(
                "userName (the email) cannot change: delete the user and create the new address.")
        }
    }
}
