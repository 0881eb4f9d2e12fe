/// An attribute path (RFC 7644 §3.10), as a filter or a PATCH operation's `path` names an attribute: an optional
/// schema URN, an attribute, an optional value filter in brackets, and an optional sub-attribute.
///
/// Names are kept as written; attribute names and URNs compare case-insensitively, so compare the `normalized`
/// forms.
///
/// ```swift
/// let path = try SCIMAttributePath.parse(#"emails[type eq "work"].value"#)
/// // attribute "emails", valueFilter: type eq "work", subAttribute "value"
/// let role = try SCIMAttributePath.parse("urn:ietf:params:scim:schemas:extension:avara:2.0:User:clinicRole")
/// // schema "urn:ietf:params:scim:schemas:extension:avara:2.0:User", attribute "clinicRole"
/// ```
package struct SCIMAttributePath: Sendable, Equatable {
    /// The schema URN before the attribute (everything up to the last `:` before it), as written.
    package var schema: String?
    /// The attribute's name, as written.
    package var attribute: String
    /// The filter in brackets that selects some values of a multi-valued attribute (`emails[type eq "work"]`).
    package var valueFilter: SCIMFilter?
    /// The sub-attribute of a complex attribute (`name.givenName`, or `value` in `emails[type eq "work"].value`).
    package var subAttribute: String?

    package init(
        schema: String? = nil, attribute: String, valueFilter: SCIMFilter? = nil, subAttribute: String? = nil
    ) {
        self.schema = schema
        self.attribute = attribute
        self.valueFilter = valueFilter
        self.subAttribute = subAttribute
    }

    /// ``schema`` in lowercase, for comparisons.
    package var normalizedSchema: String? { schema?.lowercased() }

    /// ``attribute`` in lowercase, for comparisons.
    package var normalizedAttribute: String { attribute.lowercased() }

    /// ``subAttribute`` in lowercase, for comparisons.
    package var normalizedSubAttribute: String? { subAttribute?.lowercased() }

    /// The path without its value filter, in lowercase: `name.givenname`,
    /// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:department`.
    package var normalizedName: String {
        var name = normalizedAttribute
        if let normalizedSchema { name = normalizedSchema + ":" + name }
        if let normalizedSubAttribute { name += "." + normalizedSubAttribute }
        return name
    }

    /// Reads a PATCH operation's `path` (RFC 7644 §3.5.2): `attribute`, `attribute.subAttribute`,
    /// `attribute[filter]`, `attribute[filter].subAttribute`, each with an optional schema URN in front.
    ///
    /// ```swift
    /// try SCIMAttributePath.parse("name.givenName")  // attribute "name", subAttribute "givenName"
    /// try SCIMAttributePath.parse("name..x")         // throws invalidPath
    /// ```
    ///
    /// - Throws: ``SCIMError/invalidPath(_:)`` naming the position of the first error, for this path or its value
    ///   filter; paths longer than ``SCIMFilter/maximumLength`` bytes are refused unread.
    package static func parse(_ text: String) throws(SCIMError) -> SCIMAttributePath {
        do {
            var parser = try SCIMFilterParser(text, subject: "path")
            return try parser.parseWholePath()
        } catch {
            throw .invalidPath(error.message)
        }
    }
}
