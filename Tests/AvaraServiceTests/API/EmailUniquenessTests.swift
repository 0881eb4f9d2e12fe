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

@Suite("One user per email, clinic and product")
struct EmailUniquenessTests {
    @Test("inviting an email again, in any case, answers 409 with x-should-retry: false", arguments: Product.allCases)
    func duplicateEmailAnswers409(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let first = try await client.invite(
                    product, InviteBodies.minimal(product, email: "Dr.Johnson@Hospital.org"), key: service.apiKey)
                #expect(first.status == .created)
                let again = try await client.invite(
                    product, InviteBodies.minimal(product, email: "dr.johnson@HOSPITAL.ORG"), key: service.apiKey)
                #expect(again.status == .conflict)
                #expect(again.headers[.shouldRetry] == "false")
                let problem = try again.decode(ProblemBody.self)
                #expect(problem.status == 409)
                #expect(problem.errors?.map(\.field) == ["email"])
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
            }
        }
    }

    @Test("the stored email keeps the case it was invited with")
    func emailCaseIsKept() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "Dr.Johnson@Hospital.org"), key: service.apiKey)
                #expect(try response.json()["email"] as? String == "Dr.Johnson@Hospital.org")
            }
        }
    }

    @Test("the same email may be invited into the other product")
    func sameEmailInOtherProduct() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let viewer = try await client.invite(.viewer, InviteBodies.full(.viewer), key: service.apiKey)
                let scribe = try await client.invite(.autoScribe, InviteBodies.full(.autoScribe), key: service.apiKey)
                #expect(viewer.status == .created)
                #expect(scribe.status == .created)
            }
        }
    }

    @Test("another clinic may invite the same email, and each user belongs to its own clinic")
    func clinicsAreIsolated() async throws {
        try await TestService.with { service in
            let other = try await service.createClinic("Northside Radiology")
            try await service.app().test(.router) { client in
                let ours = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
                let theirs = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: other.apiKey)
                #expect(ours.status == .created)
                #expect(theirs.status == .created)
                let theirId = try #require(try theirs.json()["userId"] as? String)
                let clinic = try await service.strings(
                    "SELECT clinic_id FROM users WHERE user_id = '\(theirId)'", column: "clinic_id"
                )
                #expect(clinic == [other.clinic.clinicId])
            }
        }
    }

    @Test("concurrent invites of one email: exactly one 201, the rest 409, one user and one email")
    func concurrentInvitesCreateOneUser() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<24 {
                        let email = index.isMultiple(of: 2) ? "race@clinic.org" : "RACE@Clinic.org"
                        group.addTask {
                            try await client.invite(
                                .autoScribe, InviteBodies.minimal(.autoScribe, email: email), key: service.apiKey
                            ).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .created }.count == 1)
                #expect(statuses.filter { $0 == .conflict }.count == 23)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM invitations") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
            }
        }
    }

    @Test("concurrent invites of different emails all succeed, each with its own email")
    func concurrentDistinctInvitesAllSucceed() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<40 {
                        group.addTask {
                            try await client.invite(
                                .viewer, InviteBodies.minimal(.viewer, email: "user\(index)@clinic.org"),
                                key: service.apiKey
                            ).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .created })
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 40)
                #expect(try await service.count("SELECT COUNT(DISTINCT user_id) AS n FROM outbox") == 40)
            }
        }
    }

    @Test("the database itself refuses a second user with the same email in another case")
    func databaseEnforcesUniqueness() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                _ = try await client.invite(.viewer, InviteBodies.minimal(.viewer), key: service.apiKey)
            }
            await #expect(throws: (any Error).self) {
                try await service.environment.store.transaction { db in
                    try await db.raw(
                        """
                        INSERT INTO users (user_id, clinic_id, product, email, email_key, first_name, last_name, clinic_role,
                            level, can_manage_studies, has_dashboard_access, invited_source, created_at)
                        SELECT 'usr_x', clinic_id, product, 'DR.JOHNSON@hospital.org', 'dr.johnson@hospital.org', 'A', 'B',
                            clinic_role, level, can_manage_studies, has_dashboard_access, 'api', created_at FROM users
                        """
                    ).run()
                }
            }
        }
    }
}
