import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Inviting users")
struct InviteEndpointTests {
    static let viewerFields: Set<String> = [
        "active", "canManageStudies", "clinicRole", "createdAt", "email", "firstName", "hasDashboardAccess",
        "invitationEmail", "invitationExpiresAt", "invitationStatus", "invitedSource",
        "lastLoginAt", "lastName", "level", "middleName", "phoneNumber", "suffix1", "suffix2", "userId",
    ]
    static let autoScribeFields = viewerFields.union(["canCreateReports", "npiNumber"])

    @Test("a valid Viewer invite answers 201 with exactly the Viewer fields")
    func viewerInviteAnswersCreated() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.viewer, InviteBodies.full(.viewer), key: service.apiKey)
                #expect(response.status == .created)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let json = try response.json()
                #expect(Set(json.keys) == Self.viewerFields)
                #expect(json["canCreateReports"] == nil && json["npiNumber"] == nil)
                #expect(json["email"] as? String == "dr.johnson@hospital.org")
                #expect(json["clinicRole"] as? String == "Radiologist")
                #expect(json["level"] as? String == "admin")
                #expect(json["middleName"] as? String == "Marie")
                #expect(json["phoneNumber"] as? String == "5551234567")
                #expect(json["suffix1"] as? String == "MD")
                #expect(json["suffix2"] as? String == "FACR")
                #expect(json["invitedSource"] as? String == "api")
                #expect(json["lastLoginAt"] is NSNull)
                #expect(json["createdAt"] as? String == "2026-03-01T09:30:00.250Z")
                #expect(json["invitationStatus"] as? String == "pending")
                #expect(json["invitationExpiresAt"] as? String == "2026-03-08T09:30:00.250Z")
                let userId = try #require(json["userId"] as? String)
                #expect(userId.wholeMatch(of: /usr_[0-9a-f]{32}/) != nil)
                #expect(response.headers[.location] == "/v1/viewer/users/\(userId)")
            }
        }
    }

    @Test("a valid AutoScribe invite answers 201 with the AutoScribe fields, NPI included")
    func autoScribeInviteAnswersCreated() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.autoScribe, InviteBodies.full(.autoScribe), key: service.apiKey)
                #expect(response.status == .created)
                let json = try response.json()
                #expect(Set(json.keys) == Self.autoScribeFields)
                #expect(json["canCreateReports"] as? Bool == true)
                #expect(json["npiNumber"] as? String == "1234567893")
                let userId = try #require(json["userId"] as? String)
                #expect(response.headers[.location] == "/v1/autoScribe/users/\(userId)")
            }
        }
    }

    @Test(
        "optional fields that were not sent are left out; lastLoginAt is an explicit null", arguments: Product.allCases)
    func absentOptionalFieldsAreOmitted(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(product, InviteBodies.minimal(product), key: service.apiKey)
                #expect(response.status == .created)
                let json = try response.json()
                var optional = ["middleName", "phoneNumber", "suffix1", "suffix2"]
                if product == .autoScribe { optional.append("npiNumber") }
                for field in optional {
                    #expect(json[field] == nil, "\(field) should be absent")
                }
                #expect(json["lastLoginAt"] is NSNull)
            }
        }
    }

    @Test("the response decodes into the types generated from openapi.yaml")
    func responsesMatchTheContract() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let viewer = try await client.invite(.viewer, InviteBodies.full(.viewer), key: service.apiKey)
                let decodedViewer = try viewer.decode(Components.Schemas.ViewerUserInviteResponse.self)
                #expect(decodedViewer.clinicRole == .radiologist)
                #expect(decodedViewer.invitedSource == .api)

                let scribe = try await client.invite(.autoScribe, InviteBodies.full(.autoScribe), key: service.apiKey)
                let decodedScribe = try scribe.decode(Components.Schemas.AutoScribeUserInviteResponse.self)
                #expect(decodedScribe.npiNumber == "1234567893")
                #expect(decodedScribe.level == .admin)
            }
        }
    }

    @Test("unknown fields are ignored, not stored and not echoed", arguments: Product.allCases)
    func unknownFieldsAreIgnored(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.minimal(product)
                body["favouriteColour"] = .string("teal")
                body["userId"] = .string("usr_chosen_by_client")
                if product == .viewer { body["npiNumber"] = .string("not an npi") }
                let response = try await client.invite(product, body, key: service.apiKey)
                #expect(response.status == .created)
                let json = try response.json()
                #expect(json["favouriteColour"] == nil)
                #expect(json["userId"] as? String != "usr_chosen_by_client")
                if product == .viewer { #expect(json["npiNumber"] == nil) }
            }
        }
    }

    @Test("the invited user is stored in the key's clinic and product")
    func userIsStoredInTheKeysClinic() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.autoScribe, InviteBodies.full(.autoScribe), key: service.apiKey)
                let userId = try #require(try response.json()["userId"] as? String)
                let clinics = try await service.strings(
                    "SELECT clinic_id FROM users WHERE user_id = '\(userId)' AND product = 'autoScribe'",
                    column: "clinic_id"
                )
                #expect(clinics == [service.clinic.clinicId])
            }
        }
    }

    @Test("every 201 is durable: the users are there after the database is reopened")
    func invitesSurviveAReopen() async throws {
        try await TestService.with { service in
            let created = try await service.app().test(.router) { client in
                var ids: [String] = []
                for index in 0..<5 {
                    let response = try await client.invite(
                        .viewer, InviteBodies.minimal(.viewer, email: "user\(index)@clinic.org"), key: service.apiKey
                    )
                    #expect(response.status == .created)
                    ids.append(try #require(try response.json()["userId"] as? String))
                }
                return ids
            }
            try await service.environment.store.close()
            let reopened = try await ServiceEnvironment.open(
                configuration: service.environment.configuration, logger: .init(label: "test")
            )
            let stored = try await reopened.store.read { db in
                try await db.raw("SELECT user_id FROM users").all().map {
                    try $0.decode(column: "user_id", as: String.self)
                }
            }
            try await reopened.store.close()
            #expect(Set(stored) == Set(created))
        }
    }
}
