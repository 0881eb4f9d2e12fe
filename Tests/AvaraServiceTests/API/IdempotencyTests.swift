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

@Suite("Idempotency-Key on the invite endpoints")
struct IdempotencyTests {
    /// `Idempotency-Key: key`.
    static func keyed(_ key: String) -> HTTPFields {
        [.idempotencyKey: key]
    }

    @Test(
        "a retry with the same key and body replays the 201: same body and Location, one user, one email",
        arguments: Product.allCases)
    func retryReplaysCreated(product: Product) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.full(product)
                let first = try await client.invite(product, body, key: service.apiKey, headers: Self.keyed("invite-1"))
                #expect(first.status == .created)
                #expect(first.headers[.idempotentReplayed] == nil)
                let location = try #require(first.headers[.location])

                for _ in 0..<2 {
                    let retry = try await client.invite(
                        product, body, key: service.apiKey, headers: Self.keyed("invite-1"))
                    #expect(retry.status == .created)
                    #expect(retry.headers[.idempotentReplayed] == "true")
                    #expect(retry.headers[.location] == location)
                    #expect(retry.headers[.contentType] == first.headers[.contentType])
                    #expect(String(buffer: retry.body) == String(buffer: first.body))
                    #expect(retry.headers[.requestId] != nil)
                }
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM invitations") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)
                #expect(try await service.deliverMail() == 1)
                #expect(try service.deliveredMail().count == 1)
            }
        }
    }

    @Test("a retry after the email was sent still replays, and sends nothing more")
    func retryAfterDeliverySendsNothing() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.minimal(.viewer)
                let first = try await client.invite(.viewer, body, key: service.apiKey, headers: Self.keyed("k-1"))
                #expect(first.status == .created)
                #expect(try await service.deliverMail() == 1)
                let retry = try await client.invite(.viewer, body, key: service.apiKey, headers: Self.keyed("k-1"))
                #expect(retry.status == .created)
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(try await service.deliverMail() == 0)
                #expect(try service.deliveredMail().count == 1)
            }
        }
    }

    @Test("a 409 is replayed too: same body and x-should-retry, even after the conflicting user is gone")
    func conflictIsReplayed() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.minimal(.autoScribe)
                #expect(try await client.invite(.autoScribe, body, key: service.apiKey).status == .created)
                let first = try await client.invite(.autoScribe, body, key: service.apiKey, headers: Self.keyed("dup"))
                #expect(first.status == .conflict)
                #expect(first.headers[.shouldRetry] == "false")
                #expect(first.headers[.idempotentReplayed] == nil)
                #expect(try first.decode(ProblemBody.self).type == "/problems/email-taken")

                let retry = try await client.invite(.autoScribe, body, key: service.apiKey, headers: Self.keyed("dup"))
                #expect(retry.status == .conflict)
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(retry.headers[.shouldRetry] == "false")
                #expect(retry.headers[.contentType] == "application/problem+json")
                #expect(String(buffer: retry.body) == String(buffer: first.body))

                // The answer is remembered, not recomputed: with the first user removed, an unkeyed invite would
                // now succeed, but the key still answers what it answered.
                try await service.environment.store.transaction { db in
                    try await db.raw("DELETE FROM outbox").run()
                    try await db.raw("DELETE FROM invitations").run()
                    try await db.raw("DELETE FROM users").run()
                }
                let later = try await client.invite(.autoScribe, body, key: service.apiKey, headers: Self.keyed("dup"))
                #expect(later.status == .conflict)
                #expect(String(buffer: later.body) == String(buffer: first.body))
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            }
        }
    }

    @Test(
        "the same key with another request answers 422 naming Idempotency-Key, and creates nothing",
        arguments: ["another email", "reformatted body", "other product's path"]
    )
    func reusedKeyAnswers422(variant: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                // Valid for both products: Viewer ignores canCreateReports.
                let body = InviteBodies.minimal(.autoScribe)
                let raw = try JSONValue.encode(body)
                let first = try await client.post(.viewer, raw: raw, key: service.apiKey, headers: Self.keyed("k"))
                #expect(first.status == .created)

                let second: TestResponse
                switch variant {
                case "another email":
                    let other = try JSONValue.encode(
                        InviteBodies.minimal(.autoScribe, email: "someone.else@hospital.org"))
                    second = try await client.post(.viewer, raw: other, key: service.apiKey, headers: Self.keyed("k"))
                case "reformatted body":
                    second = try await client.post(
                        .viewer, raw: raw + Array(" ".utf8), key: service.apiKey, headers: Self.keyed("k"))
                default:
                    second = try await client.post(.autoScribe, raw: raw, key: service.apiKey, headers: Self.keyed("k"))
                }
                #expect(second.status == .unprocessableContent)
                #expect(second.headers[.contentType] == "application/problem+json")
                #expect(second.headers[.idempotentReplayed] == nil)
                let problem = try second.decode(ProblemBody.self)
                #expect(problem.type == "/problems/idempotency-key-reused")
                #expect(problem.status == 422)
                #expect(problem.detail.contains("different request"))
                #expect(problem.errors?.map(\.field) == ["Idempotency-Key"])
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox") == 1)

                // The key still answers its own request.
                let retry = try await client.post(.viewer, raw: raw, key: service.apiKey, headers: Self.keyed("k"))
                #expect(retry.status == .created)
                #expect(retry.headers[.idempotentReplayed] == "true")
            }
        }
    }

    @Test("another clinic using the same key string gets its own, independent answer")
    func keysBelongToTheirClinic() async throws {
        try await TestService.with { service in
            let other = try await service.createClinic("Northside Radiology")
            try await service.app().test(.router) { client in
                let body = InviteBodies.minimal(.viewer)
                let ours = try await client.invite(
                    .viewer, body, key: service.apiKey, headers: Self.keyed("shared-key"))
                let theirs = try await client.invite(
                    .viewer, body, key: other.apiKey, headers: Self.keyed("shared-key"))
                #expect(ours.status == .created)
                #expect(theirs.status == .created)
                #expect(theirs.headers[.idempotentReplayed] == nil)
                let ourId = try #require(try ours.json()["userId"] as? String)
                let theirId = try #require(try theirs.json()["userId"] as? String)
                #expect(ourId != theirId)

                // A different body under the same key string is no reuse across clinics either.
                let third = try await service.createClinic("Eastside Imaging")
                let otherBody = InviteBodies.minimal(.viewer, email: "someone.else@hospital.org")
                let thirds = try await client.invite(
                    .viewer, otherBody, key: third.apiKey, headers: Self.keyed("shared-key"))
                #expect(thirds.status == .created)

                let ourRetry = try await client.invite(
                    .viewer, body, key: service.apiKey, headers: Self.keyed("shared-key"))
                let theirRetry = try await client.invite(
                    .viewer, body, key: other.apiKey, headers: Self.keyed("shared-key"))
                #expect(try ourRetry.json()["userId"] as? String == ourId)
                #expect(try theirRetry.json()["userId"] as? String == theirId)
                #expect(ourRetry.headers[.idempotentReplayed] == "true")
                #expect(theirRetry.headers[.idempotentReplayed] == "true")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 3)
            }
        }
    }

    @Test("a key is remembered for 24 hours; after that it is new again, even for another invite")
    func keyExpiresAfter24Hours() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let first = InviteBodies.minimal(.viewer)
                let created = try await client.invite(.viewer, first, key: service.apiKey, headers: Self.keyed("daily"))
                #expect(created.status == .created)

                service.clock.advance(by: 24 * 3600 - 1)
                let stillKept = try await client.invite(
                    .viewer, first, key: service.apiKey, headers: Self.keyed("daily"))
                #expect(stillKept.status == .created)
                #expect(stillKept.headers[.idempotentReplayed] == "true")

                service.clock.advance(by: 2)
                let next = InviteBodies.minimal(.viewer, email: "next.day@hospital.org")
                let fresh = try await client.invite(.viewer, next, key: service.apiKey, headers: Self.keyed("daily"))
                #expect(fresh.status == .created)
                #expect(fresh.headers[.idempotentReplayed] == nil)
                #expect(try fresh.json()["email"] as? String == "next.day@hospital.org")
                #expect(try fresh.json()["userId"] as? String != created.json()["userId"] as? String)

                // The key now answers its new request.
                let retry = try await client.invite(.viewer, next, key: service.apiKey, headers: Self.keyed("daily"))
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(String(buffer: retry.body) == String(buffer: fresh.body))
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 2)
                #expect(try await service.deliverMail() == 2)
            }
        }
    }

    @Test("expired records are purged; live ones are kept and still replay")
    func expiredRecordsArePurged() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let old = InviteBodies.minimal(.viewer, email: "old@hospital.org")
                let young = InviteBodies.minimal(.viewer, email: "young@hospital.org")
                #expect(
                    try await client.invite(.viewer, old, key: service.apiKey, headers: Self.keyed("old")).status
                        == .created)
                service.clock.advance(by: 12 * 3600)
                #expect(
                    try await client.invite(.viewer, young, key: service.apiKey, headers: Self.keyed("young")).status
                        == .created)
                service.clock.advance(by: 12 * 3600)

                let purger = service.environment.purger()
                #expect(await purger.purge()["idempotency keys"] == 1)
                #expect(
                    try await service.strings(
                        "SELECT idempotency_key FROM idempotency_outcomes", column: "idempotency_key")
                        == ["young"])
                let retry = try await client.invite(.viewer, young, key: service.apiKey, headers: Self.keyed("young"))
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(await purger.purge()["idempotency keys"] == 0)
            }
        }
    }

    @Test(
        "a key that is not 1 to 255 visible ASCII characters answers 400 naming the header",
        arguments: ["", "two words", String(repeating: "k", count: 256), "naïve", "tab\tinside"]
    )
    func invalidKeyAnswers400(key: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer), key: service.apiKey, headers: Self.keyed(key))
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try response.decode(ProblemBody.self)
                #expect(problem.type == "/problems/invalid-idempotency-key")
                #expect(problem.detail.contains("Idempotency-Key"))
                #expect(problem.errors?.map(\.field) == ["Idempotency-Key"])
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            }
        }
    }

    @Test("two Idempotency-Key headers answer 400")
    func repeatedHeaderAnswers400() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var headers = HTTPFields()
                headers.append(HTTPField(name: .idempotencyKey, value: "a"))
                headers.append(HTTPField(name: .idempotencyKey, value: "b"))
                let response = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer), key: service.apiKey, headers: headers)
                #expect(response.status == .badRequest)
                #expect(try response.fieldErrors().map(\.field) == ["Idempotency-Key"])
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 0)
            }
        }
    }

    @Test(
        "any visible ASCII key up to 255 characters works, punctuation included",
        arguments: [
            "k", "avara-3f1c2e9a-8d4b-4c1e-9a7f-0b6d5e4c3b2a", #"%zz,a;b="c"/~!{}"#, String(repeating: "k", count: 255),
        ]
    )
    func visibleASCIIKeysWork(key: String) async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.minimal(.autoScribe)
                let first = try await client.invite(.autoScribe, body, key: service.apiKey, headers: Self.keyed(key))
                #expect(first.status == .created)
                let retry = try await client.invite(.autoScribe, body, key: service.apiKey, headers: Self.keyed(key))
                #expect(retry.status == .created)
                #expect(retry.headers[.idempotentReplayed] == "true")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
            }
        }
    }

    @Test("validation failures are not remembered: the key stays free for the corrected request")
    func validationFailuresAreNotRemembered() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                var invalid = InviteBodies.minimal(.viewer)
                invalid["level"] = .string("owner")
                let rejected = try await client.invite(
                    .viewer, invalid, key: service.apiKey, headers: Self.keyed("fix-me"))
                #expect(rejected.status == .unprocessableContent)
                #expect(try rejected.decode(ProblemBody.self).type == "/problems/validation-error")
                let wrongType = try await client.post(
                    .viewer, raw: Array("{}".utf8), key: service.apiKey, contentType: "text/plain",
                    headers: Self.keyed("fix-me"))
                #expect(wrongType.status == .unsupportedMediaType)

                let corrected = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer), key: service.apiKey, headers: Self.keyed("fix-me"))
                #expect(corrected.status == .created)
                #expect(corrected.headers[.idempotentReplayed] == nil)
                #expect(try await service.count("SELECT COUNT(*) AS n FROM users") == 1)
            }
        }
    }

    @Test("without the header nothing changes: a repeated invite is a 409, nothing is replayed or kept")
    func noHeaderBehavesAsBefore() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let body = InviteBodies.minimal(.viewer)
                let first = try await client.invite(.viewer, body, key: service.apiKey)
                let again = try await client.invite(.viewer, body, key: service.apiKey)
                #expect(first.status == .created)
                #expect(first.headers[.idempotentReplayed] == nil)
                #expect(again.status == .conflict)
                #expect(again.headers[.idempotentReplayed] == nil)
                #expect(try again.decode(ProblemBody.self).type == "/problems/email-taken")
                #expect(try await service.count("SELECT COUNT(*) AS n FROM idempotency_outcomes") == 0)
            }
        }
    }
}
