import AvaraCore

/// A SCIM User resource, as a `POST` or `PUT` sends it, read into the core's invite fields, with the resource's
/// `userName`, `active` and `externalId`. Attribute names compare without case, as SCIM's do.
///
/// The email is the work one of `emails`, else the primary one, else the first; without `emails`, a `userName` that
/// holds an `@` is taken as the email too. Only the shape is checked here; the rules (an email, names, roles,
/// levels) are the core's, whose messages the error middleware names by SCIM attribute.
struct SCIMUserRequest: Equatable {
    var fields: [String: JSONValue] = [:]
    var userName: String?
    var active: Bool?
    var externalId: String?

    /// What the identity provider gives of the user beside the fields.
    var identity: ProvidedIdentity {
        ProvidedIdentity(externalId: externalId, userName: userName, active: active ?? true)
    }

    init(_ resource: [String: JSONValue], product: Product) throws(SCIMError) {
        let members = Self.caseless(resource)
        if let schemas = members["schemas"] {
            guard case .array(let values) = schemas,
                values.contains(where: { $0.stringValue?.lowercased() == SCIMSchemaURN.user.lowercased() })
            else {
                throw SCIMError.invalidSyntax("schemas must list \(SCIMSchemaURN.user).")
            }
        }
        switch members["username"] {
        case .string(let name)?: userName = name
        case nil, .null?: break
        case .some: throw SCIMError.invalidValue("userName must be a string.")
        }
        if let email = Self.preferredValue(of: members["emails"]) {
            fields[InviteField.email.rawValue] = email
        } else if let userName, userName.contains("@") {
            fields[InviteField.email.rawValue] = .string(userName)
        }
        if case .object(let name) = members["name"] {
            let name = Self.caseless(name)
            let parts: [(String, InviteField)] = [
                ("givenname", .firstName), ("familyname", .lastName), ("middlename", .middleName),
                ("honorificsuffix", .suffix1),
            ]
            for (attribute, field) in parts { fields[field.rawValue] = name[attribute] }
        }
        if let phone = Self.preferredValue(of: members["phonenumbers"]) {
            fields[InviteField.phoneNumber.rawValue] = phone
        }
        if case .object(let avara) = members[SCIMSchemaURN.avaraUser.lowercased()] {
            let avara = Self.caseless(avara)
            for field in SCIMUserAttributes.extensionFields(of: product) {
                fields[field.rawValue] = avara[field.rawValue.lowercased()]
            }
        }
        // Optional values the IdP clears with null are simply absent from a new user.
        fields = fields.filter { $0.value != .null }
        active = try members["active"].map(Self.boolean)
        switch members["externalid"] {
        case .string(let id)?: externalId = id
        case .null?, nil: externalId = nil
        case .some: throw SCIMError.invalidValue("externalId must be a string.")
        }
    }

    /// `true`, `false`, or the strings Entra ID sends for them (`"True"`, `"False"`).
    static func boolean(_ value: JSONValue) throws(SCIMError) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .string(let text) where text.lowercased() == "true": return true
        case .string(let text) where text.lowercased() == "false": return false
        default: throw SCIMError.invalidValue("active must be true or false.")
        }
    }

    /// The value of the multi-valued attribute's work entry, else its primary one, else its first.
    static func preferredValue(of attribute: JSONValue?) -> JSONValue? {
        guard case .array(let entries) = attribute else { return nil }
        let objects = entries.compactMap { entry -> [String: JSONValue]? in
            if case .object(let members) = entry { return caseless(members) } else { return nil }
        }
        let chosen =
            objects.first { $0["type"]?.stringValue?.lowercased() == "work" }
            ?? objects.first { $0["primary"] == .bool(true) } ?? objects.first
        return chosen?["value"]
    }

    /// The members of `object` by lowercased name.
    static func caseless(_ object: [String: JSONValue]) -> [String: JSONValue] {
        Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

extension JSONValue {
    /// The string of a `.string`, else `nil`.
    var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
