import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

/// A provider's name for the user that is not their email (Entra ID's UPN), a changed email, and what a `remove`
/// and a projection do.
@Suite("SCIM: userName, email changes, removals and projections")
struct SCIMIdentityTests {
    /// Entra ID's create with a UPN as `userName` and the user's mail in `emails`.
    static func create(userName: String, email: String) -> String {
        SCIMCreateTests.entraCreate(userName: email).replacingOccurrences(
            of: "\"userName\": \"\(email)\"", with: "\"userName\": \"\(userName)\"")
    }

    /// Creates ada@acme.test as Entra ID does and returns her id.
    static func createAda(_ client: some TestClientProtocol, key: String) async throws -> String {
        let created = try await SCIMEndpointTests.request(
            .post, "/Users", client, key: key, body: SCIMCreateTests.entraCreate(userName: "ada@acme.test"))
        return try #require(try created.json()["id"] as? String)
    }

    @Test("a userName that is not the email is kept as sent, found by its filter, and unique without case")
    func providerUserName() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let created = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: key,
                    body: Self.create(userName: "AMarsh@corp.test", email: "ada@acme.test"))
                #expect(created.status == .created)
                let resource = try created.json()
                let id = try #require(resource["id"] as? String)
                #expect(resource["userName"] as? String == "AMarsh@corp.test")
                #expect((resource["emails"] as? [[String: Any]])?.first?["value"] as? String == "ada@acme.test")
                let shown = try await UserDirectoryTests.request(.get, .viewer, id, client, key: key)
                #expect(try shown.json()["email"] as? String == "ada@acme.test")
                let byName = try await SCIMListTests.list(#"filter=userName eq "amarsh@CORP.test""#, client, key: key)
                #expect(try SCIMListTests.userNames(byName) == ["AMarsh@corp.test"])
                let byEmail = try await SCIMListTests.list(
                    #"filter=emails[type eq "work"].value eq "ada@acme.test""#, client, key: key)
                #expect(try SCIMListTests.userNames(byEmail) == ["AMarsh@corp.test"])
                // The email is no userName of a user the provider named otherwise.
                let notByEmail = try await SCIMListTests.list(#"filter=userName eq "ada@acme.test""#, client, key: key)
                #expect(try notByEmail.json()["totalResults"] as? Int == 0)
                let again = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: key,
                    body: Self.create(userName: "amarsh@corp.TEST", email: "bo@acme.test"))
                #expect(again.status == .conflict)
                #expect(try again.json()["scimType"] as? String == "uniqueness")
                let renamed = try await SCIMLifecycleTests.patch(
                    id, #"{"op": "replace", "path": "userName", "value": "ada.marsh"}"#, client, key: key)
                #expect(try renamed.json()["userName"] as? String == "ada.marsh")
                // Neither a userName nor an email: refused, naming emails.
                let nameless = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: key,
                    body: #"{"userName": "cy", "name": {"givenName": "Cy", "familyName": "Young"}}"#)
                #expect(nameless.status == .badRequest)
                #expect(try (nameless.json()["detail"] as? String)?.contains("emails:") == true)
            }
        }
    }

    @Test("a changed email moves the pending invitation to the new address; the old link stops working")
    func emailChange() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let id = try await Self.createAda(client, key: key)
                try await service.deliverMail()
                let first = try AcceptanceSteps.links(service)
                try #require(first.count == 1)
                _ = try await SCIMEndpointTests.request(
                    .post, "/Users", client, key: key, body: SCIMCreateTests.entraCreate(userName: "bo@acme.test"))
                let taken = try await SCIMLifecycleTests.patch(
                    id, #"{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "BO@acme.test"}"#,
                    client, key: key)
                #expect(taken.status == .conflict)
                let moved = try await SCIMLifecycleTests.patch(
                    id, #"{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "ada.marsh@acme.test"}"#,
                    client, key: key)
                #expect(moved.status == .ok)
                #expect(
                    (try moved.json()["emails"] as? [[String: Any]])?.first?["value"] as? String
                        == "ada.marsh@acme.test")
                try await service.deliverMail()
                let mail = try service.deliveredMail().map(ReceivedEmail.init)
                let toNew = mail.filter { email in
                    email.headers.contains { $0.name.lowercased() == "to" && $0.value.contains("ada.marsh@acme.test") }
                }
                #expect(toNew.count == 1)
                let oldPath = String(first[0].dropFirst("https://avara.example.org".count))
                #expect(try await AcceptanceSteps.page(oldPath, client).status != .ok)
                let newLink = try #require(try toNew.first?.acceptLink(base: "https://avara.example.org"))
                #expect(
                    try await AcceptanceSteps.page(String(newLink.dropFirst("https://avara.example.org".count)), client)
                        .status == .ok)
            }
        }
    }

    @Test("remove: the extension's attributes take the clinic's defaults; active, userName and emails cannot go")
    func removals() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let id = try await Self.createAda(client, key: key)
                let avara = SCIMSchemaURN.avaraUser
                let set = try await SCIMLifecycleTests.patch(
                    id,
                    #"{"op": "replace", "path": "\#(avara)", "value": {"clinicRole": "Radiologist", "level": "admin", "hasDashboardAccess": true, "canManageStudies": true}}"#,
                    client, key: key)
                let extensionValues = try #require(try set.json()[avara] as? [String: Any])
                #expect(
                    extensionValues["clinicRole"] as? String == "Radiologist"
                        && extensionValues["level"] as? String == "admin")
                let reset = try await SCIMLifecycleTests.patch(
                    id, #"{"op": "remove", "path": "\#(avara):clinicRole"}"#, client, key: key)
                #expect((try reset.json()[avara] as? [String: Any])?["clinicRole"] as? String == "Other")
                let whole = try await SCIMLifecycleTests.patch(
                    id, #"{"op": "remove", "path": "\#(avara)"}"#, client, key: key)
                let defaults = try #require(try whole.json()[avara] as? [String: Any])
                #expect(defaults["level"] as? String == "member" && defaults["hasDashboardAccess"] as? Bool == false)
                for path in ["active", "userName", "emails"] {
                    let refused = try await SCIMLifecycleTests.patch(
                        id, #"{"op": "remove", "path": "\#(path)"}"#, client, key: key)
                    #expect(refused.status == .badRequest, "remove \(path)")
                    #expect(try refused.json()["scimType"] as? String == "mutability")
                }
            }
        }
    }

    @Test("attributes and excludedAttributes shape a single user too; POST /.search searches users")
    func projectionAndRootSearch() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let key = service.apiKey
                let id = try await Self.createAda(client, key: key)
                let without = try await SCIMEndpointTests.request(
                    .get, "/Users/\(id)?excludedAttributes=emails,name.givenName", client, key: key)
                let trimmed = try without.json()
                #expect(trimmed["emails"] == nil && trimmed["userName"] as? String == "ada@acme.test")
                #expect((trimmed["name"] as? [String: Any])?.keys.sorted() == ["familyName"])
                let only = try await SCIMEndpointTests.request(
                    .get, "/Users/\(id)?attributes=userName", client, key: key)
                #expect(try only.json().keys.sorted() == ["id", "schemas", "userName"])
                let search = try await SCIMEndpointTests.request(
                    .post, "/.search", client, key: key,
                    body:
                        #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "userName eq \"ada@acme.test\"", "attributes": ["userName"]}"#
                )
                #expect(search.status == .ok)
                #expect(try SCIMListTests.userNames(search) == ["ada@acme.test"])
            }
        }
    }
}
