import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

/// The request sequences Microsoft Entra ID and Okta send (from their published SCIM provisioning documentation):
/// create, update, deactivate, reactivate, delete.
@Suite("SCIM: Entra ID's and Okta's lifecycles")
struct SCIMLifecycleTests {
    static let patchOp = #""schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]"#

    static func patch(
        _ id: String, _ operations: String, _ client: some TestClientProtocol, key: String
    ) async throws
        -> TestResponse
    {
        try await SCIMEndpointTests.request(
            .patch, "/Users/\(id)", client, key: key, body: "{\(patchOp), \"Operations\": [\(operations)]}")
    }

    @Test("Entra ID: probe, create, find, update, disable with \"False\", enable, delete")
    func entra() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let probe = try await SCIMListTests.list(#"filter=userName eq "ada@acme.test""#, client, key: key)
                #expect(try probe.json()["totalResults"] as? Int == 0)
                let created = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: key, body: SCIMCreateTests.entraCreate(userName: "ada@acme.test"))
                let id = try #require(try created.json()["id"] as? String)
                #expect(
                    try SCIMListTests.userNames(
                        await SCIMListTests.list(#"filter=userName eq "ada@acme.test""#, client, key: key)) == [
                            "ada@acme.test"
                        ])

                let updated = try await Self.patch(
                    id,
                    #"""
                    {"op": "Replace", "path": "name.givenName", "value": "Adeline"},
                    {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "ada@acme.test"},
                    {"op": "Replace", "path": "displayName", "value": "Adeline Marsh"},
                    {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Radiology"},
                    {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:avara:2.0:User:clinicRole", "value": "Radiologist"},
                    {"op": "Replace", "path": "phoneNumbers[type eq \"work\"].value", "value": "5550100123"}
                    """#, client, key: key)
                #expect(updated.status == .ok)
                let resource = try updated.json()
                #expect((resource["name"] as? [String: Any])?["givenName"] as? String == "Adeline")
                #expect(
                    (resource[SCIMSchemaURN.avaraUser] as? [String: Any])?["clinicRole"] as? String == "Radiologist")
                #expect((resource["phoneNumbers"] as? [[String: Any]])?.first?["value"] as? String == "5550100123")

                let disabled = try await Self.patch(
                    id, #"{"op": "Replace", "path": "active", "value": "False"}"#, client, key: key)
                #expect(try disabled.json()["active"] as? Bool == false)
                let shown = try await UserDirectoryTests.request(.get, .viewer, id, client, key: key)
                #expect(try shown.json()["active"] as? Bool == false)
                let enabled = try await Self.patch(
                    id, #"{"op": "Replace", "path": "active", "value": "True"}"#, client, key: key)
                #expect(try enabled.json()["active"] as? Bool == true)

                // A new UPN: the provider's name of the user changes, their email does not.
                let renamed = try await Self.patch(
                    id, #"{"op": "Replace", "path": "userName", "value": "a.marsh@acme.test"}"#, client, key: key)
                #expect(try renamed.json()["userName"] as? String == "a.marsh@acme.test")
                #expect(
                    (try renamed.json()["emails"] as? [[String: Any]])?.first?["value"] as? String == "ada@acme.test")

                #expect(
                    try await SCIMEndpointTests.request(.delete, "/Users/\(id)", client, key: key).status == .noContent)
                #expect(try await SCIMEndpointTests.request(.get, "/Users/\(id)", client, key: key).status == .notFound)
            }
        }
    }

    @Test("Okta: create with its extra attributes, replace with PUT, deactivate and reactivate without a path")
    func okta() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let create = """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bo@acme.test",
                     "name": {"givenName": "Bo", "familyName": "Lind"},
                     "emails": [{"primary": true, "value": "bo@acme.test", "type": "work"}],
                     "displayName": "Bo Lind", "locale": "en-US", "externalId": "00u1ab2c3d4e5f6g7h8",
                     "groups": [], "password": "t1meMa$heen", "active": true}
                    """
                let created = try await SCIMEndpointTests.request(.post, "/Users", client, key: key, body: create)
                #expect(created.status == .created)
                let id = try #require(try created.json()["id"] as? String)
                #expect(try await SCIMEndpointTests.request(.get, "/Users/\(id)", client, key: key).status == .ok)

                let replaced = try await SCIMEndpointTests.request(
                    .put, "/Users/\(id)", client, key: key,
                    body: """
                        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "\(id)", "userName": "bo@acme.test",
                         "name": {"givenName": "Bo", "familyName": "Lindqvist"},
                         "emails": [{"primary": true, "value": "bo@acme.test", "type": "work"}],
                         "externalId": "00u1ab2c3d4e5f6g7h8", "active": true}
                        """)
                #expect(replaced.status == .ok)
                #expect((try replaced.json()["name"] as? [String: Any])?["familyName"] as? String == "Lindqvist")

                let deactivated = try await Self.patch(
                    id, #"{"op": "replace", "value": {"active": false}}"#, client, key: key)
                #expect(try deactivated.json()["active"] as? Bool == false)
                let reactivated = try await Self.patch(
                    id, #"{"op": "replace", "value": {"active": true}}"#, client, key: key)
                #expect(try reactivated.json()["active"] as? Bool == true)

                let multiple = try await Self.patch(
                    id,
                    #"{"op": "replace", "value": {"name.givenName": "Bea", "name.familyName": "Lind", "active": true}}"#,
                    client, key: key)
                #expect((try multiple.json()["name"] as? [String: Any])?["givenName"] as? String == "Bea")
                let events = try await service.environment.services.events.page(
                    context: .cli(service.clinic), filter: EventFilter(subjectId: id), order: .newest, after: nil,
                    limit: 10)
                #expect(events.events.allSatisfy { $0.surface == .scim || $0.type == .invitationEmailSent })
            }
        }
    }
}
