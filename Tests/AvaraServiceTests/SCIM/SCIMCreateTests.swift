import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("SCIM: creating users")
struct SCIMCreateTests {
    /// The body Microsoft Entra ID sends to create a user (its documented request), with the product's extension.
    static func entraCreate(userName: String, externalId: String = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef") -> String {
        """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId": "\(externalId)", "userName": "\(userName)", "active": true,
         "emails": [{"primary": true, "type": "work", "value": "\(userName)"}],
         "meta": {"resourceType": "User"},
         "name": {"formatted": "givenName familyName", "familyName": "Marsh", "givenName": "Ada"},
         "roles": []}
        """
    }

    @Test("an Entra ID create is invited as through the API, with the clinic's defaults and the externalId")
    func entra() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let created = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: service.apiKey, body: Self.entraCreate(userName: "ada@acme.test"))
                #expect(created.status == .created)
                let resource = try created.json()
                let userId = try #require(resource["id"] as? String)
                #expect(created.headers[.location] == "https://avara.example.org/scim/v2/viewer/Users/\(userId)")
                #expect(resource["externalId"] as? String == "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef")
                let avara = try #require(resource[SCIMSchemaURN.avaraUser] as? [String: Any])
                #expect(avara["clinicRole"] as? String == "Other" && avara["level"] as? String == "member")
                #expect(avara["canManageStudies"] as? Bool == false)
                // The same user through the REST API, invited as from the API; the same invitation email.
                let shown = try await UserDirectoryTests.request(.get, .viewer, userId, client, key: service.apiKey)
                #expect(try shown.json()["invitedSource"] as? String == "api")
                try await service.deliverMail()
                #expect(try service.deliveredMail().count == 1)
                // A duplicate userName.
                let again = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: service.apiKey, body: Self.entraCreate(userName: "ADA@acme.test"))
                #expect(again.status == .conflict)
                #expect(try again.json()["scimType"] as? String == "uniqueness")
            }
        }
    }

    @Test("a create that breaks the rules answers 400 invalidValue naming every attribute, and creates nobody")
    func rules() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "not-an-email",
                     "name": {"familyName": "Marsh"}, "phoneNumbers": [{"type": "work", "value": "+1 555 0100"}],
                     "urn:ietf:params:scim:schemas:extension:avara:2.0:User": {"clinicRole": "Wizard"}}
                    """
                let refused = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: service.apiKey, body: body)
                #expect(refused.status == .badRequest)
                let error = try refused.json()
                #expect(error["scimType"] as? String == "invalidValue")
                let detail = try #require(error["detail"] as? String)
                for attribute in [
                    "emails:", "name.givenName:", "phoneNumbers[type eq \"work\"].value:",
                    "urn:ietf:params:scim:schemas:extension:avara:2.0:User:clinicRole:",
                ] {
                    #expect(detail.contains(attribute), "\(attribute) in \(detail)")
                }
                let notJSON = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: service.apiKey, body: "{")
                #expect(notJSON.status == .badRequest)
                #expect(try notJSON.json()["scimType"] as? String == "invalidSyntax")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            }
        }
    }

    @Test("a user created inactive is kept deactivated; the clinic's defaults apply to what is not sent")
    func defaultsAndInactive() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                try await service.environment.services.provisioning.setDefaults(
                    ProvisioningDefaults(
                        clinicRole: "Radiologist", level: "admin", canManageStudies: true, hasDashboardAccess: true,
                        canCreateReports: false),
                    product: .viewer, context: .cli(service.clinic))
                var body = Self.entraCreate(userName: "bo@acme.test")
                body = body.replacingOccurrences(of: "\"active\": true", with: "\"active\": \"False\"")
                let created = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: service.apiKey, body: body)
                #expect(created.status == .created)
                let resource = try created.json()
                #expect(resource["active"] as? Bool == false)
                let avara = try #require(resource[SCIMSchemaURN.avaraUser] as? [String: Any])
                #expect(avara["clinicRole"] as? String == "Radiologist" && avara["level"] as? String == "admin")
                #expect(avara["hasDashboardAccess"] as? Bool == true)
            }
        }
    }
}
