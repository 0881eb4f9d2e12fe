import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Retrieving and removing users")
struct UserDirectoryTests {
    static func request(
        _ method: HTTPRequest.Method, _ product: Product, _ userId: String, _ client: some TestClientProtocol,
        key: String
    ) async throws -> TestResponse {
        try await client.executeRequest(
            uri: "\(product.usersPath)/\(userId)", method: method, headers: [.authorization: "Bearer \(key)"], body: nil
        )
    }

    @Test("a user is retrieved exactly as the invite answered it", arguments: Product.allCases)
    func retrieve(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let invited = try await client.invite(product, InviteBodies.full(product), key: service.apiKey)
                let userId = try #require(try invited.json()["userId"] as? String)
                let retrieved = try await Self.request(.get, product, userId, client, key: service.apiKey)
                #expect(retrieved.status == .ok)
                #expect(Data(buffer: retrieved.body) == Data(buffer: invited.body))
            }
        }
    }

    @Test(
        "another clinic's user, the other product's path and an unknown id answer 404, never data",
        arguments: [HTTPRequest.Method.get, .delete])
    func isolation(method: HTTPRequest.Method) async throws {
        try await TestService.with { service in
            let other = try await service.createClinic("Northside Radiology")
            try await service.app().test(.router) { client in
                let invited = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                let userId = try #require(try invited.json()["userId"] as? String)
                for response in [
                    try await Self.request(method, .viewer, userId, client, key: other.apiKey),
                    try await Self.request(method, .autoScribe, userId, client, key: service.apiKey),
                    try await Self.request(
                        method, .viewer, "usr_00000000000000000000000000000000", client, key: service.apiKey),
                ] {
                    #expect(response.status == .notFound)
                    #expect(!String(buffer: response.body).contains("dr.johnson"))
                }
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
            }
        }
    }

    @Test(
        "a removed user answers 404, cannot log in, their link dies, their unsent email is not sent, and the email can be invited again"
    )
    func removal() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (userId, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                #expect(
                    try await AcceptanceSteps.submit(path, password: AcceptanceTests.password, client).status == .ok)
                #expect(
                    try await LoginTests.login("dr.johnson@hospital.org", AcceptanceTests.password, .viewer, client)
                        .status == .ok)
                let (otherId, otherPath) = try await AcceptanceSteps.invite(
                    .viewer, client, service, email: "b@clinic.org")
                _ = try await InvitationLifecycleTests.act("resend", .viewer, otherId, client, key: service.apiKey)

                #expect(
                    try await Self.request(.delete, .viewer, userId, client, key: service.apiKey).status == .noContent)
                #expect(
                    try await Self.request(.delete, .viewer, otherId, client, key: service.apiKey).status == .noContent)
                #expect(try await Self.request(.get, .viewer, userId, client, key: service.apiKey).status == .notFound)
                #expect(
                    try await Self.request(.delete, .viewer, userId, client, key: service.apiKey).status == .notFound)
                #expect(
                    try await LoginTests.login("dr.johnson@hospital.org", AcceptanceTests.password, .viewer, client)
                        .status == .unauthorized)
                #expect(try await AcceptanceSteps.page(path, client).status == .notFound, "was 410 (used) before")
                #expect(try await AcceptanceSteps.page(otherPath, client).status == .notFound)
                #expect(try await service.deliverMail() == 0, "the resent email of the removed user is not sent")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM sessions") == 0)

                let again = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                #expect(again.status == .created)
            }
        }
    }
}
