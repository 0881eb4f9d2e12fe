import AvaraCore

/// What a SCIM client learns of the service before it provisions anyone (RFC 7644 §4): the features
/// (`/ServiceProviderConfig`) and the resource types (`/ResourceTypes`); the schemas are ``SCIMSchemaDocuments``.
enum SCIMDiscovery {
    /// The most users one list answers (`filter.maxResults`, and the ceiling of `count`).
    static let maxResults = UserDirectoryService.maximumSearchCount

    static func serviceProviderConfig(base: String) -> JSONValue {
        func supported(_ value: Bool) -> JSONValue { .object(["supported": .bool(value)]) }
        return .object([
            "schemas": .array([.string(SCIMSchemaURN.serviceProviderConfig)]),
            "patch": supported(true),
            "bulk": .object(["supported": .bool(false), "maxOperations": .number(0), "maxPayloadSize": .number(0)]),
            "filter": .object(["supported": .bool(true), "maxResults": .number(Double(maxResults))]),
            "changePassword": supported(false),
            "sort": supported(false),
            "etag": supported(false),
            "authenticationSchemes": .array([
                .object([
                    "type": .string("oauthbearertoken"), "name": .string("API key"), "primary": .bool(true),
                    "description": .string(
                        "An API key of the clinic (avara keys create), sent as Authorization: Bearer avk_…"),
                ])
            ]),
            "meta": .object([
                "resourceType": .string("ServiceProviderConfig"),
                "location": .string("\(base)/ServiceProviderConfig"),
            ]),
        ])
    }

    /// The one resource type, User, with the product's extension.
    static func userResourceType(base: String) -> JSONValue {
        .object([
            "schemas": .array([.string(SCIMSchemaURN.resourceType)]),
            "id": .string("User"), "name": .string("User"), "endpoint": .string("/Users"),
            "description": .string("A user of the product, invited by email when created."),
            "schema": .string(SCIMSchemaURN.user),
            "schemaExtensions": .array([
                .object(["schema": .string(SCIMSchemaURN.avaraUser), "required": .bool(true)])
            ]),
            "meta": .object([
                "resourceType": .string("ResourceType"), "location": .string("\(base)/ResourceTypes/User"),
            ]),
        ])
    }

    /// A `ListResponse` of `resources`, all of them on one page.
    static func listResponse(_ resources: [JSONValue], total: Int? = nil, startIndex: Int = 1) -> JSONValue {
        .object([
            "schemas": .array([.string(SCIMSchemaURN.listResponse)]),
            "totalResults": .number(Double(total ?? resources.count)), "startIndex": .number(Double(startIndex)),
            "itemsPerPage": .number(Double(resources.count)), "Resources": .array(resources),
        ])
    }
}
