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
            id: SCIMSchemaURN.user, name: "User",
            description: "A user of the product: the invitation goes to their email, which they sign in with.",
            base: base,
            attributes: [
                attribute(
                    "userName",
                    description:
                        "The name the identity provider knows the user by (Entra ID's UPN, Okta's login), kept as sent; "
                        + "the email for a user it did not create. Unique per clinic and product, compared without case.",
                    required: true, uniqueness: "server"),
                attribute(
                    "name", type: "complex", description: "The user's names.", required: true,
                    subAttributes: [
                        attribute("givenName", description: "First name.", required: true),
                        attribute("familyName", description: "Last name.", required: true),
                        attribute("middleName", description: "Middle name."),
                        attribute("honorificSuffix", description: "A suffix such as MD or Jr."),
                    ]),
                attribute("displayName", description: "First and last name.", mutability: "readOnly"),
                attribute(
                    "emails", type: "complex", multiValued: true,
                    description:
                        "The user's one email (the work one sent, else the primary one, else the first; userName when "
                        + "none is sent and it is an address): where the invitation goes, and what they sign in with.",
                    required: true,
                    subAttributes: [
                        attribute("value", description: "The email.", required: true),
                        attribute("type", description: "work.", canonicalValues: ["work"]),
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
                    description:
                        "false deactivates the user: kept, but unable to sign in or accept the invitation. A user "
                        + "created without it is active; it cannot be removed.",
                    required: true),
            ])
    }

    static func avaraUser(product: Product, base: String) -> JSONValue {
        var attributes = [
            attribute(
                "clinicRole", description: "The user's role in the clinic.", required: true,
                canonicalValues: RuleBook.standard[product].allowedRoles),
            attribute(
                "level", description: "admin or member (owner is given in the dashboard only).", required: true,
                canonicalValues: ["member", "admin"]),
            attribute(
                "canManageStudies", type: "boolean", description: "Whether the user manages studies.", required: true),
            attribute(
                "hasDashboardAccess", type: "boolean",
                description: "Whether the user can sign in to the dashboard (admins must).", required: true),
        ]
        if product.takesReports {
            attributes += [
                attribute(
                    "canCreateReports", type: "boolean",
                    description: "Whether the user writes reports (needs npiNumber).", required: true),
                attribute("npiNumber", description: "The 10-digit National Provider Identifier."),
            ]
        }
        return schema(
            id: SCIMSchemaURN.avaraUser, name: "\(product.displayName) user",
            description:
                "The \(product.displayName) fields of a user. Every user has the required ones: those not sent, or "
                + "removed, take the clinic's defaults.",
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
