import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Logging in")
struct LoginTests {
    static let password = AcceptanceTests.password

    static func login(
        _ email: String, _ password: String, _ product: Product, _ client: some TestClientProtocol,
        clinicId: String? = nil
    ) async throws -> TestResponse {
        var fields: [String: JSONValue] = [
            "email": .string(email), "password": .string(password), "product": .string(product.rawValue),
        ]
        fields["clinicId"] = clinicId.map(JSONValue.string)
        let body = try JSONValue.encode(fields)
        return try await client.executeRequest(
            uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(bytes: body)
        )
    }

    @Test("an accepted user with dashboard access logs in: a session token, and lastLoginAt is set")
    func successfulLogin() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (userId, path) = try await AcceptanceSteps.invite(.autoScribe, client, service)
                #expect(try await AcceptanceSteps.submit(path, password: Self.password, client).status == .ok)
                service.clock.advance(by: 60)

                let response = try await Self.login("DR.Johnson@hospital.org", Self.password, .autoScribe, client)
                #expect(response.status == .ok)
                let json = try response.json()
                let token = try #require(json["sessionToken"] as? String)
                #expect(token.wholeMatch(of: /avs_[A-Za-z0-9_-]{43}/) != nil)
                #expect(json["userId"] as? String == userId)
                #expect(json["expiresAt"] as? String == "2026-03-01T21:31:00.250Z")
                let lastLogin = try await service.strings(
                    "SELECT last_login_at FROM users WHERE user_id = '\(userId)'", column: "last_login_at"
                )
                #expect(lastLogin == ["2026-03-01T09:31:00.250Z"])
                let sessions = try await service.strings("SELECT session_hash FROM sessions", column: "session_hash")
                #expect(sessions == [InvitationToken.hash(token)])
            }
        }
    }

    @Test(
        "a blank password, or one with a NUL, never logs in, even for an account whose stored hash is of the empty password"
    )
    func blankAndNULPasswords() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (userId, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                #expect(try await AcceptanceSteps.submit(path, password: Self.password, client).status == .ok)
                // What an acceptance with "\0aaaaaaaaaaaa" stored before passwords were checked for control characters.
                let emptyHash = try await BcryptPasswordHasher(cost: 4).hash("")
                try await service.environment.store.transaction { db in
                    try await db.update("users").set("password_hash", to: emptyHash).where("user_id", .equal, userId)
                        .run()
                }
                for password in ["", "\u{0}", "\u{0}aaaaaaaaaaaa", "   "] {
                    let response = try await Self.login("dr.johnson@hospital.org", password, .viewer, client)
                    #expect(response.status == .unauthorized, "\(password.debugDescription)")
                }
            }
        }
    }

    @Test("wrong password, unknown email, other product, no dashboard access, not yet accepted: the same 401")
    func failedLogins() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                _ = try await AcceptanceSteps.submit(path, password: Self.password, client)
                let (_, noDashboardPath) = try await AcceptanceSteps.invite(
                    .viewer, client, service, email: "nurse@clinic.org", dashboard: false
                )
                _ = try await AcceptanceSteps.submit(noDashboardPath, password: Self.password, client)
                _ = try await AcceptanceSteps.invite(.viewer, client, service, email: "pending@clinic.org")

                let attempts = [
                    ("dr.johnson@hospital.org", "wrong password!!", Product.viewer),
                    ("nobody@hospital.org", Self.password, .viewer),
                    ("dr.johnson@hospital.org", Self.password, .autoScribe),
                    ("nurse@clinic.org", Self.password, .viewer),
                    ("pending@clinic.org", Self.password, .viewer),
                ]
                var bodies: Set<String> = []
                for (email, password, product) in attempts {
                    let response = try await Self.login(email, password, product, client)
                    #expect(response.status == .unauthorized, "\(email) / \(product)")
                    let problem = try response.decode(ProblemBody.self)
                    #expect(problem.type == "/problems/login-failed")
                    bodies.insert(problem.detail)
                }
                #expect(bodies.count == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM sessions") == 0)
            }
        }
    }

    @Test("five failures lock the account for 15 minutes with 429 and Retry-After, even for the right password")
    func throttling() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                _ = try await AcceptanceSteps.submit(path, password: Self.password, client)
                for _ in 0..<5 {
                    #expect(
                        try await Self.login("dr.johnson@hospital.org", "wrong password!!", .viewer, client).status
                            == .unauthorized)
                }
                let locked = try await Self.login("dr.johnson@hospital.org", Self.password, .viewer, client)
                #expect(locked.status == .tooManyRequests)
                #expect(locked.headers[.retryAfter] == "900")

                service.clock.advance(by: 15 * 60)
                #expect(try await Self.login("dr.johnson@hospital.org", Self.password, .viewer, client).status == .ok)
            }
        }
    }

    @Test(
        "failures counted by one server lock the account on another server of the same database, and nothing of the attempt is stored in clear"
    )
    func throttlingIsShared() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { first in
                let (_, path) = try await AcceptanceSteps.invite(.viewer, first, service)
                _ = try await AcceptanceSteps.submit(path, password: Self.password, first)
                for _ in 0..<5 {
                    #expect(
                        try await Self.login("dr.johnson@hospital.org", "wrong password!!", .viewer, first).status
                            == .unauthorized)
                }
            }
            // A second router over the same database: another replica, or the service after a restart.
            try await service.app().test(.router) { second in
                let locked = try await Self.login("dr.johnson@hospital.org", Self.password, .viewer, second)
                #expect(locked.status == .tooManyRequests)
                #expect(locked.headers[.retryAfter] == "900")
            }
            let stored = try await service.environment.store.read { db in
                try await db.raw("SELECT throttle_key FROM login_attempts").all(
                    decodingColumn: "throttle_key", as: String.self)
            }
            #expect(stored.count == 2)
            #expect(stored.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{64}/) != nil })
        }
    }

    @Test("one email in two clinics: the login is to the first accepted, or to the clinic named by clinicId")
    func sameEmailInTwoClinics() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let other = try await service.createClinic("Other Imaging")
                let (firstUser, firstPath) = try await AcceptanceSteps.invite(.viewer, client, service)
                let (secondUser, secondPath) = try await AcceptanceSteps.invite(
                    .viewer, client, service, key: other.apiKey)
                // The second clinic's invitation is accepted first, with its own password.
                #expect(
                    try await AcceptanceSteps.submit(secondPath, password: "second clinic password", client).status
                        == .ok)
                service.clock.advance(by: 60)
                #expect(try await AcceptanceSteps.submit(firstPath, password: Self.password, client).status == .ok)

                let email = "dr.johnson@hospital.org"
                let plain = try await Self.login(email, "second clinic password", .viewer, client)
                #expect(try plain.json()["userId"] as? String == secondUser)
                // Without clinicId only the first accepted user's password is checked: the other one does not log in.
                #expect(try await Self.login(email, Self.password, .viewer, client).status == .unauthorized)

                let named = try await Self.login(
                    email, Self.password, .viewer, client, clinicId: service.clinic.clinicId)
                #expect(try named.json()["userId"] as? String == firstUser)
                let wrongClinic = try await Self.login(
                    email, "second clinic password", .viewer, client, clinicId: service.clinic.clinicId
                )
                #expect(wrongClinic.status == .unauthorized)
                let badType = try await client.executeRequest(
                    uri: "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"email":"x@y.org","password":"p","product":"viewer","clinicId":7}"#)
                )
                #expect(badType.status == .badRequest)
                #expect(try badType.decode(ProblemBody.self).errors?.map(\.field) == ["clinicId"])
            }
        }
    }

    @Test("concurrent guesses on one account, spread over two servers of one database: exactly five are checked")
    func concurrentGuessesAreCountedFirst() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                _ = try await AcceptanceSteps.submit(path, password: Self.password, client)
            }
            let statuses = try await service.app().test(.router) { first in
                try await service.app().test(.router) { second in
                    try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                        for attempt in 0..<20 {
                            group.addTask {
                                let response =
                                    attempt.isMultiple(of: 2)
                                    ? try await Self.login(
                                        "dr.johnson@hospital.org", "wrong password!!", .viewer, first)
                                    : try await Self.login(
                                        "dr.johnson@hospital.org", "wrong password!!", .viewer, second)
                                return response.status
                            }
                        }
                        return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                    }
                }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 15)
        }
    }

    @Test("a successful login gives its attempt back to the address: many colleagues behind one address can log in")
    func successesDoNotUseTheAddressLimit() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let (_, path) = try await AcceptanceSteps.invite(.viewer, client, service)
                _ = try await AcceptanceSteps.submit(path, password: Self.password, client)
                for _ in 0..<25 {
                    #expect(
                        try await Self.login("dr.johnson@hospital.org", Self.password, .viewer, client).status == .ok)
                }
            }
        }
    }

    @Test("a login needs no API key, and an API key does not make a login")
    func loginIsNotKeyAuthenticated() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.executeRequest(
                    uri: "/v1/auth/login", method: .post,
                    headers: [.contentType: "application/json", .authorization: "Bearer \(service.apiKey)"],
                    body: ByteBuffer(string: #"{"email":"x@y.org","password":"p","product":"viewer"}"#)
                )
                #expect(response.status == .unauthorized)
                #expect(try response.decode(ProblemBody.self).type == "/problems/login-failed")
            }
        }
    }

    @Test("a login email with a control character answers 400 naming it, on both databases, and is not counted")
    func controlCharacterInEmail() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                for email in ["nurse\u{0}@clinic.org", "nurse@clinic.org\r\nBcc: x@y.org", "\u{1B}[31m@clinic.org"] {
                    let response = try await Self.login(email, "a password long enough", .viewer, client)
                    #expect(response.status == .badRequest)
                    #expect(try response.fieldErrors().map(\.field) == ["email"])
                }
                #expect(try await service.count("SELECT COUNT(*) AS n FROM login_attempts") == 0)
            }
        }
    }
}
