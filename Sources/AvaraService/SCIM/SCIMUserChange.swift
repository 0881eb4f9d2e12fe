import AvaraCore

/// What a SCIM `PATCH` or `PUT` changes of a user, in the core's terms (``ProvisionedChange``).
///
/// Attributes the service does not keep (`displayName`, `name.formatted`, `title`, the enterprise extension, ...)
/// are ignored, as identity providers send them by default. A `remove` of an attribute every user has takes the
/// clinic's default for the extension's (role, level, permissions), and is refused for `userName`, `emails`, `name`
/// and `active` (`mutability`: a provider deactivates with `active: false`).
struct SCIMUserChange: Equatable {
    var change = ProvisionedChange()

    /// The changes of a `PATCH`'s operations to `user`.
    init(operations: [SCIMPatchOperation], of user: UserRecord) throws(SCIMError) {
        for operation in operations {
            if operation.op == .remove {
                guard let path = operation.path else { throw SCIMError.noTarget("A remove needs a path.") }
                try remove(path, of: user)
            } else {
                for pair in try operation.pathValues() { try assign(pair.path, pair.value, of: user) }
            }
        }
    }

    /// The changes of a `PUT` of `resource` to `user`: the names and phone number as sent (left out, an optional one
    /// is cleared), the email, `userName` and the extension's attributes sent, `active` and `externalId` when sent.
    init(replacing resource: [String: JSONValue], of user: UserRecord) throws(SCIMError) {
        let request = try SCIMUserRequest(resource, product: user.product)
        var fields = request.fields
        if let email = fields.removeValue(forKey: InviteField.email.rawValue) { try setEmail(email, of: user) }
        for field in [InviteField.middleName, .suffix1, .phoneNumber] { change.fields[field.rawValue] = .null }
        change.fields.merge(fields) { _, sent in sent }
        change.userName = request.userName
        change.active = request.active
        if resource.keys.contains(where: { $0.lowercased() == "externalid" }) {
            change.externalId = .some(request.externalId)
        }
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
            change.active = try SCIMUserRequest.boolean(value)
        case ("externalid", nil):
            switch value {
            case .string(let id): change.externalId = .some(id)
            case .null: change.externalId = .some(nil)
            default: throw SCIMError.invalidValue("externalId must be a string.")
            }
        case ("username", nil):
            guard case .string(let name) = value else { throw SCIMError.invalidValue("userName must be a string.") }
            change.userName = name
        case ("emails", _):
            try setEmail(SCIMUserRequest.preferredValue(of: value) ?? Self.firstValue(value), of: user)
        case ("name", nil):
            guard case .object(let members) = value else {
                if value == .null { throw SCIMError.mutability("name.givenName and name.familyName are required.") }
                throw SCIMError.invalidValue("name must be an object.")
            }
            for (member, memberValue) in members { assignName(member.lowercased(), memberValue) }
        case ("name", let part?):
            assignName(part, value)
        case ("phonenumbers", _):
            change.fields[InviteField.phoneNumber.rawValue] = Self.firstValue(value)
        case (let attribute, nil) where Self.extensionAttribute(attribute) != nil:
            // Okta sends an extension's attributes without its URN, beside the core ones.
            try assignExtension(attribute, value, of: user)
        default:
            return  // displayName, title, addresses, ...: not kept.
        }
    }

    private mutating func remove(_ path: SCIMAttributePath, of user: UserRecord) throws(SCIMError) {
        if path.subAttribute == nil, path.valueFilter == nil,
            path.normalizedName == SCIMSchemaURN.avaraUser.lowercased()
        {
            for field in SCIMUserAttributes.extensionFields(of: user.product) {
                try removeExtension(field.rawValue.lowercased(), of: user)
            }
            return
        }
        let isExtension =
            path.normalizedSchema == SCIMSchemaURN.avaraUser.lowercased()
            || (path.normalizedSchema == nil && path.normalizedSubAttribute == nil
                && Self.extensionAttribute(path.normalizedAttribute) != nil)
        if isExtension {
            try removeExtension(path.normalizedSubAttribute ?? path.normalizedAttribute, of: user)
            return
        }
        guard path.normalizedSchema == nil || path.normalizedSchema == SCIMSchemaURN.user.lowercased() else { return }
        switch (path.normalizedAttribute, path.normalizedSubAttribute) {
        case ("active", nil):
            throw SCIMError.mutability("active cannot be removed: send active false to deactivate the user.")
        case ("username", nil), ("emails", _):
            throw SCIMError.mutability("Every user has a userName and an email: replace them instead.")
        default:
            try assign(path, .null, of: user)
        }
    }

    private mutating func assignName(_ part: String, _ value: JSONValue) {
        let field: InviteField? =
            switch part {
            case "givenname": .firstName
            case "familyname": .lastName
            case "middlename": .middleName
            case "honorificsuffix": .suffix1
            default: nil  // formatted, honorificPrefix: not kept
            }
        if let field { change.fields[field.rawValue] = value }
    }

    private mutating func assignExtension(
        _ attribute: String, _ value: JSONValue, of user: UserRecord
    ) throws(SCIMError) {
        let field = try Self.extensionField(attribute, of: user)
        change.defaulted.remove(field)
        switch (field, value) {
        case (.canManageStudies, .string), (.hasDashboardAccess, .string), (.canCreateReports, .string):
            change.fields[field.rawValue] = .bool(try SCIMUserRequest.boolean(value))
        default:
            change.fields[field.rawValue] = value
        }
    }

    /// The NPI number is cleared; every other attribute of the extension takes the clinic's default.
    private mutating func removeExtension(_ attribute: String, of user: UserRecord) throws(SCIMError) {
        let field = try Self.extensionField(attribute, of: user)
        if field == .npiNumber {
            change.fields[field.rawValue] = .null
        } else {
            change.fields[field.rawValue] = nil
            change.defaulted.insert(field)
        }
    }

    /// Sets the email: the value of `emails` (or of one entry), a string.
    private mutating func setEmail(_ value: JSONValue, of user: UserRecord) throws(SCIMError) {
        guard case .string(let address) = value else {
            throw SCIMError.invalidValue("emails must hold an email address as a string value.")
        }
        if address != user.email { change.email = address }
    }

    private static func extensionField(_ attribute: String, of user: UserRecord) throws(SCIMError) -> InviteField {
        guard let field = extensionAttribute(attribute),
            SCIMUserAttributes.extensionFields(of: user.product).contains(field)
        else {
            throw SCIMError.invalidPath("\(SCIMSchemaURN.avaraUser) has no attribute \(attribute).")
        }
        return field
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
}
