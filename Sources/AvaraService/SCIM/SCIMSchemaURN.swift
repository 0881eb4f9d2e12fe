/// The schema and message URNs (RFC 7643 §8.7, RFC 7644 §3) that the SCIM layer names.
///
/// URNs compare case-insensitively, so compare their `lowercased()` forms:
///
/// ```swift
/// let isPatch = schemas.contains { $0.lowercased() == SCIMSchemaURN.patchOp.lowercased() }
/// ```
package enum SCIMSchemaURN {
    /// The core User resource.
    package static let user = "urn:ietf:params:scim:schemas:core:2.0:User"
    /// The core Group resource.
    package static let group = "urn:ietf:params:scim:schemas:core:2.0:Group"
    /// The enterprise extension of User (`department`, `employeeNumber`, `manager`, ...).
    package static let enterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    /// Avara's own extension of User (`clinicRole`, ...).
    package static let avaraUser = "urn:ietf:params:scim:schemas:extension:avara:2.0:User"
    /// The body of a PATCH request.
    package static let patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    /// The body of an error response.
    package static let error = "urn:ietf:params:scim:api:messages:2.0:Error"
    /// A page of resources.
    package static let listResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    /// The body of `POST /Users/.search`.
    package static let searchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
    /// The discovery resources.
    package static let serviceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    package static let resourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    package static let schema = "urn:ietf:params:scim:schemas:core:2.0:Schema"

    /// The schemas whose URN may stand alone as a key of a PATCH value, holding that schema's attributes.
    package static let userSchemas = [user, enterpriseUser, avaraUser]
}
