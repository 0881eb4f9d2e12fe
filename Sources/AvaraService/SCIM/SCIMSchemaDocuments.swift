import AvaraCore

/// The `/Schemas` resources (RFC 7643 §7): the User schema and the product's extension, describing exactly the
/// attributes the service reads and writes.
enum SCIMSchemaDocuments {
    /// Both schemas of `product`'s users, as `/Schemas` lists them.
    static func all(product: Product, base: String) -> [JSONValue] {
        [user(base: base), avaraUser(product: product, base: base)]
    }

    static func user(base: String) -> JSONValue {
        schema(
            id: SCIMSchemaURN.user, name: "User", description: "A user of the product, identified by their email.",
            base: base,
            attributes: [
                attribute(
                    "userName", description: "The user's email: unique per clinic and product, compared without case.",
                    required: true, uniqueness: "server"),
                attribute(
                    "name", type: "complex", description: "The user's names.", required: true,
                    subAttributes: [
                        attribute("givenName", description: "First name.", required: true),
                        attribute("familyName", description: "Last name.", required: true),
                        attribute("middleName", description: "Middle name."),
                        attribute("honorificSuffix", description: "A suffix such as MD or Jr."),
                        attribute("formatted", description: "The full name.", mutability: "readOnly"),
                    ]),
                attribute("displayName", description: "First and last name.", mutability: "readOnly"),
                attribute(
                    "emails", type: "complex", multiValued: true,
                    description: "The user's one email, the same as userName.",
                    subAttributes: [
                        attribute("value", description: "The email."),
                        attribute("type", description: "work.", canonicalValues: ["work"]),
                        attribute("primary", type: "boolean", description: "Always true."),
                    ]),
                attribute(
                    "phoneNumbers", type: "complex", multiValued: true,
                    description: "The user's work phone number: 10 to 15 digits.",
                    subAttributes: [
                        attribute("value", description: "The number."),
                        attribute("type", description: "work.", canonicalValues: ["work"]),
                    ]),
                attribute(
                    "active", type: "boolean",
                    description: "false deactivates the user: kept, but unable to sign in or accept the invitation."),
            ])
    }

    static func avaraUser(product: Product, base: String) -> JSONValue {
        var attributes = [
            attribute(
                "clinicRole", description: "The user's role in the clinic.",
                canonicalValues: RuleBook.standard[product].allowedRoles),
            attribute(
                "level", description: "admin or member (owner is given in the dashboard only).",
                canonicalValues: ["member", "admin"]),
            attribute("canManageStudies", type: "boolean", description: "Whether the user manages studies."),
            attribute(
                "hasDashboardAccess", type: "boolean",
                description: "Whether the user can sign in to the dashboard (admins must)."),
        ]
        if product.takesReports {
            attributes += [
                attribute(
                    "canCreateReports", type: "boolean",
                    description: "Whether the user writes reports (needs npiNumber)."),
                attribute("npiNumber", description: "The 10-digit National Provider Identifier."),
            ]
        }
        return schema(
            id: SCIMSchemaURN.avaraUser, name: "\(product.displayName) user",
            description: "The \(product.displayName) fields of a user; omitted ones take the clinic's defaults.",
            base: base, attributes: attributes)
    }

    private static func schema(
        id: String, name: String, description: String, base: String, attributes: [JSONValue]
    ) -> JSONValue {
        .object([
            "schemas": .array([.string(SCIMSchemaURN.schema)]), "id": .string(id), "name": .string(name),
            "description": .string(description), "attributes": .array(attributes),
            "meta": .object(["resourceType": .string("Schema"), "location": .string("\(base)/Schemas/\(id)")]),
        ])
    }

    private static func attribute(
        _ name: String, type: String = "string", multiValued: Bool = false, description: String,
        required: Bool = false, mutability: String = "readWrite", uniqueness: String = "none",
        canonicalValues: [String]? = nil, subAttributes: [JSONValue]? = nil
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "type": .string(type), "multiValued": .bool(multiValued),
            "description": .string(description), "required": .bool(required), "caseExact": .bool(false),
            "mutability": .string(mutability), "returned": .string("default"), "uniqueness": .string(uniqueness),
        ]
        members["canonicalValues"] = canonicalValues.map { .array($0.map(JSONValue.string)) }
        members["subAttributes"] = subAttributes.map(JSONValue.array)
        return .object(members)
    }
}
