/// What a clinic's identity provider changes of a user in one step (SCIM's `PUT` and `PATCH`), in the core's terms.
///
/// ```swift
/// var change = ProvisionedChange()
/// change.fields["lastName"] = .string("Lee")
/// change.active = false
/// ```
package struct ProvisionedChange: Sendable, Equatable {
    /// Fields as ``UserDirectoryService/update(id:product:context:fields:)`` takes them: names, phone number, role,
    /// level, permissions, NPI number; `.null` clears an optional one.
    package var fields: [String: JSONValue] = [:]
    /// The user's new email, checked by the invite's email rule and unique in the product; a pending invitation is
    /// sent again, to it.
    package var email: String?
    /// The provider's name of the user (SCIM's `userName`), unique in the product.
    package var userName: String?
    /// Whether the user is active (`false` deactivates).
    package var active: Bool?
    /// The provider's id of the user; `.some(nil)` clears it.
    package var externalId: String??
    /// Fields the provider removed that every user has (role, level, permissions): each takes the clinic's default
    /// (``ProvisioningDefaults``).
    package var defaulted: Set<InviteField> = []

    package init(
        fields: [String: JSONValue] = [:], email: String? = nil, userName: String? = nil, active: Bool? = nil,
        externalId: String?? = nil, defaulted: Set<InviteField> = []
    ) {
        self.fields = fields
        self.defaulted = defaulted
        self.email = email
        self.userName = userName
        self.active = active
        self.externalId = externalId
    }
}

/// What only a clinic's identity provider gives of a user it creates (SCIM's `POST /Users`).
package struct ProvidedIdentity: Sendable, Equatable {
    /// The provider's id of the user (`externalId`).
    package var externalId: String?
    /// The provider's name of the user (`userName`).
    package var userName: String?
    /// Whether the user starts active.
    package var active: Bool

    package init(externalId: String? = nil, userName: String? = nil, active: Bool = true) {
        self.externalId = externalId
        self.userName = userName
        self.active = active
    }
}
