import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

extension TestClientProtocol {
    /// `PATCH /v1/{product}/users/{userId}` with `body` as JSON.
    func update(
        _ product: Product, _ userId: String, _ body: [String: JSONValue], key: String
    ) async throws -> TestResponse {
        try await executeRequest(
            uri: "\(product.usersPath)/\(userId)", method: .patch,
            headers: [.authorization: "Bearer \(key)", .contentType: "application/json"],
            body: ByteBuffer(bytes: try JSONValue.encode(body))
        )
    }

    /// Invites `body` and answers the new user's id.
    func invitedUserId(_ product: Product, _ body: [String: JSONValue], key: String) async throws -> String {
        let response = try await invite(product, body, key: key)
        try #require(response.status == .created)
        return try #require(try response.json()["userId"] as? String)
    }
}

@Suite("Updating users")
struct UserUpdateTests {
    @Test("given fields change, the others stay, and the answer is what a later GET shows", arguments: Product.allCases)
    func partialUpdate(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await client.invitedUserId(product, InviteBodies.minimal(product), key: service.apiKey)
                let response = try await client.update(
                    product, userId,
                    [
                        "firstName": "Sally", "clinicRole": "Registered Nurse", "phoneNumber": "5557654321",
                        "canManageStudies": false,
                    ],
                    key: service.apiKey
                )
                #expect(response.status == .ok)
                let user = try response.json()
                #expect(user["firstName"] as? String == "Sally")
                #expect(user["clinicRole"] as? String == "Registered Nurse")
                #expect(user["phoneNumber"] as? String == "5557654321")
                #expect(user["canManageStudies"] as? Bool == false)
                #expect(user["lastName"] as? String == "Johnson")
                #expect(user["email"] as? String == "dr.johnson@hospital.org")
                #expect(user["invitationStatus"] as? String == "pending")
                let retrieved = try await UserDirectoryTests.request(.get, product, userId, client, key: service.apiKey)
                #expect(Data(buffer: retrieved.body) == Data(buffer: response.body))
            }
        }
    }

    @Test("null clears an optional field; an empty body changes nothing", arguments: Product.allCases)
    func clearing(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var body = InviteBodies.full(product)
                body["canCreateReports"] = product == .autoScribe ? .bool(false) : nil
                let userId = try await client.invitedUserId(product, body, key: service.apiKey)
                let unchanged = try await client.update(product, userId, [:], key: service.apiKey)
                #expect(unchanged.status == .ok)
                #expect(try unchanged.json()["middleName"] as? String == "Marie")

                var clear: [String: JSONValue] = [
                    "middleName": .null, "phoneNumber": .null, "suffix1": .null, "suffix2": .null,
                ]
                if product == .autoScribe { clear["npiNumber"] = .null }
                let response = try await client.update(product, userId, clear, key: service.apiKey)
                #expect(response.status == .ok)
                let user = try response.json()
                for field in clear.keys {
                    #expect(user[field] == nil, "\(field) is cleared")
                }
                #expect(user["firstName"] as? String == "Sarah")
            }
        }
    }

    @Test("an admin keeps dashboard access, and a member becomes admin only with it", arguments: Product.allCases)
    func adminKeepsDashboardAccess(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let admin = try await client.invitedUserId(product, InviteBodies.full(product), key: service.apiKey)
                let refused = try await client.update(
                    product, admin, ["hasDashboardAccess": false], key: service.apiKey)
                #expect(refused.status == .unprocessableContent)
                #expect(
                    try refused.fieldErrors() == [
                        .init(field: "hasDashboardAccess", message: "must be true for admin users")
                    ])
                let stored = try await UserDirectoryTests.request(.get, product, admin, client, key: service.apiKey)
                #expect(try stored.json()["hasDashboardAccess"] as? Bool == true, "a refused update changes nothing")

                let member = try await client.invitedUserId(
                    product, InviteBodies.minimal(product, email: "m@clinic.org"), key: service.apiKey)
                let promoted = try await client.update(product, member, ["level": "admin"], key: service.apiKey)
                #expect(promoted.status == .unprocessableContent)
                let granted = try await client.update(
                    product, member, ["level": "admin", "hasDashboardAccess": true], key: service.apiKey)
                #expect(granted.status == .ok)
                #expect(try granted.json()["level"] as? String == "admin")
            }
        }
    }

    @Test("a report writer keeps a valid NPI")
    func reportWritersKeepNPI() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let writer = try await client.invitedUserId(
                    .autoScribe, InviteBodies.full(.autoScribe), key: service.apiKey)
                let cleared = try await client.update(.autoScribe, writer, ["npiNumber": .null], key: service.apiKey)
                #expect(
                    try cleared.fieldErrors() == [
                        .init(field: "npiNumber", message: "is required when canCreateReports is true")
                    ])
                let badDigit = try await client.update(
                    .autoScribe, writer, ["npiNumber": "1234567890"], key: service.apiKey)
                #expect(badDigit.status == .unprocessableContent)
                #expect(try badDigit.fieldErrors().map(\.field) == ["npiNumber"])
                let stopsWriting = try await client.update(
                    .autoScribe, writer, ["canCreateReports": false, "npiNumber": .null], key: service.apiKey
                )
                #expect(stopsWriting.status == .ok)

                let member = try await client.invitedUserId(
                    .autoScribe, InviteBodies.minimal(.autoScribe, email: "m@clinic.org"), key: service.apiKey)
                let noNPI = try await client.update(
                    .autoScribe, member, ["canCreateReports": true], key: service.apiKey)
                #expect(
                    try noNPI.fieldErrors() == [
                        .init(field: "npiNumber", message: "is required when canCreateReports is true")
                    ])
                let withNPI = try await client.update(
                    .autoScribe, member, ["canCreateReports": true, "npiNumber": "1234567893"], key: service.apiKey
                )
                #expect(withNPI.status == .ok)
                #expect(try withNPI.json()["npiNumber"] as? String == "1234567893")
            }
        }
    }

    @Test(
        "every broken field rule is listed together, email cannot change, and nothing is stored",
        arguments: Product.allCases)
    func fieldRules(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await client.invitedUserId(product, InviteBodies.minimal(product), key: service.apiKey)
                let response = try await client.update(
                    product, userId,
                    [
                        "canManageStudies": "true", "clinicRole": "radiologist", "email": "new@clinic.org",
                        "firstName": .null,
                        "lastName": "  ", "level": "owner", "phoneNumber": "555-123", "suffix1": 7,
                    ],
                    key: service.apiKey
                )
                #expect(response.status == .unprocessableContent)
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.type.hasSuffix("validation") || problem.status == 422)
                #expect(
                    try response.fieldErrors().map(\.field) == [
                        "canManageStudies", "clinicRole", "email", "firstName", "lastName", "level", "phoneNumber",
                        "suffix1",
                    ])
                #expect(
                    try response.fieldErrors().first { $0.field == "level" }?.message
                        == "owner can only be assigned in the dashboard")
                let stored = try await UserDirectoryTests.request(.get, product, userId, client, key: service.apiKey)
                #expect(try stored.json()["firstName"] as? String == "Sarah")
            }
        }
    }

    @Test("Viewer ignores AutoScribe's fields")
    func viewerIgnoresReportFields() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let userId = try await client.invitedUserId(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                let response = try await client.update(
                    .viewer, userId, ["canCreateReports": true, "npiNumber": "x"], key: service.apiKey)
                #expect(response.status == .ok)
                #expect(try response.json()["canCreateReports"] == nil)
                #expect(try response.json()["npiNumber"] == nil)
            }
        }
    }

    @Test("another clinic's user, the other product and unknown ids answer 404; a body that is no object answers 400")
    func isolationAndBadBodies() async throws {
        try await TestService.with { service in
            let other = try await service.createClinic("Northside Radiology")
            try await service.app().test(.router) { client in
                let userId = try await client.invitedUserId(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                for response in [
                    try await client.update(.viewer, userId, ["firstName": "Eve"], key: other.apiKey),
                    try await client.update(.autoScribe, userId, ["firstName": "Eve"], key: service.apiKey),
                    try await client.update(
                        .viewer, "usr_00000000000000000000000000000000", ["firstName": "Eve"], key: service.apiKey),
                ] {
                    #expect(response.status == .notFound)
                    #expect(!String(buffer: response.body).contains("dr.johnson"))
                }
                let array = try await client.executeRequest(
                    uri: "\(Product.viewer.usersPath)/\(userId)", method: .patch,
                    headers: [.authorization: "Bearer \(service.apiKey)", .contentType: "application/json"],
                    body: ByteBuffer(string: "[1]")
                )
                #expect(array.status == .badRequest)
                let text = try await client.executeRequest(
                    uri: "\(Product.viewer.usersPath)/\(userId)", method: .patch,
                    headers: [.authorization: "Bearer \(service.apiKey)", .contentType: "text/plain"],
                    body: ByteBuffer(string: "{}")
                )
                #expect(text.status == .unsupportedMediaType)
                let stored = try await UserDirectoryTests.request(.get, .viewer, userId, client, key: service.apiKey)
                #expect(try stored.json()["firstName"] as? String == "Sarah")
            }
        }
    }

    @Test("taking dashboard access away ends the user's sessions and logins")
    func dashboardAccessRemoved() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (userId, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                #expect(
                    try await AcceptanceSteps.submit(path, password: AcceptanceTests.password, client).status == .ok)
                #expect(
                    try await LoginTests.login("dr.johnson@hospital.org", AcceptanceTests.password, .viewer, client)
                        .status == .ok)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM sessions") == 1)

                let response = try await client.update(
                    .viewer, userId, ["hasDashboardAccess": false], key: service.apiKey)
                #expect(response.status == .ok)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM sessions") == 0)
                #expect(
                    try await LoginTests.login("dr.johnson@hospital.org", AcceptanceTests.password, .viewer, client)
                        .status == .unauthorized)
                #expect(
                    try await client.update(.viewer, userId, ["hasDashboardAccess": true], key: service.apiKey).status
                        == .ok)
                #expect(
                    try await LoginTests.login("dr.johnson@hospital.org", AcceptanceTests.password, .viewer, client)
                        .status == .ok)
            }
        }
    }
}
