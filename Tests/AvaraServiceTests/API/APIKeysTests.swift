import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraService

/// Several named keys per clinic: created (the secret shown once), listed, revoked on every replica within 5 s.
@Suite("API keys")
struct APIKeysTests {
    static func create(
        _ name: JSONValue, _ client: some TestClientProtocol, key: String, idempotencyKey: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(key)", .contentType: "application/json"]
        if let idempotencyKey { headers[.idempotencyKey] = idempotencyKey }
        return try await client.executeRequest(
            uri: "/v1/apiKeys", method: .post, headers: headers,
            body: ByteBuffer(bytes: try JSONValue.encode(["name": name]))
        )
    }

    static func get(_ uri: String, _ client: some TestClientProtocol, key: String) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .get, headers: [.authorization: "Bearer \(key)"], body: nil)
    }

    static func revoke(_ keyId: String, _ client: some TestClientProtocol, key: String) async throws -> TestResponse {
        try await client.executeRequest(
            uri: "/v1/apiKeys/\(keyId)/revoke", method: .post, headers: [.authorization: "Bearer \(key)"], body: nil
        )
    }

    @Test("a named key is created with its secret once, works at once, and is listed with name, prefix and times")
    func createAndList() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                service.clock.advance(by: 1)
                let created = try await Self.create("billing integration", client, key: service.apiKey)
                #expect(created.status == .created)
                let json = try created.json()
                let secret = try #require(json["key"] as? String)
                let keyId = try #require(json["keyId"] as? String)
                #expect(secret.hasPrefix("avk_\(keyId)_"))
                #expect(json["prefix"] as? String == "avk_\(keyId)")
                #expect(json["name"] as? String == "billing integration")
                #expect(json["lastUsedAt"] is NSNull && json["revokedAt"] is NSNull)

                #expect(try await Self.get(Product.viewer.usersPath, client, key: secret).status == .ok)
                let list = try await Self.get("/v1/apiKeys", client, key: secret)
                let keys = try #require(try list.json()["data"] as? [[String: Any]])
                #expect(keys.map { $0["name"] as? String } == ["first key", "billing integration"])
                #expect(keys.allSatisfy { $0["key"] == nil }, "no secret is ever listed")
                #expect(keys[1]["lastUsedAt"] as? String == "2026-03-01T09:30:01.250Z")
                let stored = try await service.strings(
                    "SELECT secret_hash FROM api_keys WHERE key_id = '\(keyId)'", column: "secret_hash")
                #expect(stored.count == 1 && !stored[0].contains(secret) && stored[0].count == 64)
            }
        }
    }

    @Test("a revoked key stops working on another replica within 5 seconds, and stays listed as revoked")
    func revocationReachesEveryReplica() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { first in
                try await service.replica().test(.router) { second in
                    let created = try await Self.create("rotation", first, key: service.apiKey)
                    let secret = try #require(try created.json()["key"] as? String)
                    let keyId = try #require(try created.json()["keyId"] as? String)
                    #expect(try await Self.get(Product.viewer.usersPath, second, key: secret).status == .ok)

                    let revoked = try await Self.revoke(keyId, first, key: service.apiKey)
                    #expect(revoked.status == .ok)
                    #expect(try revoked.json()["revokedAt"] as? String == "2026-03-01T09:30:00.250Z")
                    #expect(try await Self.get(Product.viewer.usersPath, first, key: secret).status == .unauthorized)
                    service.clock.advance(by: 5)
                    #expect(try await Self.get(Product.viewer.usersPath, second, key: secret).status == .unauthorized)
                    let again = try await Self.revoke(keyId, second, key: service.apiKey)
                    #expect(
                        try again.json()["revokedAt"] as? String == "2026-03-01T09:30:00.250Z",
                        "revoking twice keeps the first time")
                }
            }
        }
    }

    @Test("a key's last use is written at most once a minute")
    func lastUseOncePerMinute() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let lastUse = { try await service.strings("SELECT last_used_at FROM api_keys", column: "last_used_at") }
                #expect(try await Self.get(Product.viewer.usersPath, client, key: service.apiKey).status == .ok)
                #expect(try await lastUse() == ["2026-03-01T09:30:00.250Z"])
                for _ in 0..<9 {
                    service.clock.advance(by: 6)  // past the 5-second cache: every request asks the database
                    _ = try await Self.get(Product.viewer.usersPath, client, key: service.apiKey)
                }
                #expect(try await lastUse() == ["2026-03-01T09:30:00.250Z"])
                service.clock.advance(by: 7)
                _ = try await Self.get(Product.viewer.usersPath, client, key: service.apiKey)
                #expect(try await lastUse() == ["2026-03-01T09:31:01.250Z"])
            }
        }
    }

    @Test(
        "a bad name answers 422 naming it; another clinic's key is not found; a retried create answers 409 naming the key it made"
    )
    func errorsAndIdempotency() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                for name: JSONValue in [
                    "", "   ", .string(String(repeating: "k", count: 101)), "tab\u{9}inside", 7, .null,
                ] {
                    let response = try await Self.create(name, client, key: service.apiKey)
                    #expect(response.status == .unprocessableContent, "\(name)")
                    #expect(try response.decode(ProblemBody.self).errors?.map(\.field) == ["name"])
                }
                let other = try await service.createClinic("Other Imaging")
                let theirs = try await Self.create("theirs", client, key: other.apiKey)
                let theirId = try #require(try theirs.json()["keyId"] as? String)
                let notFound = try await Self.revoke(theirId, client, key: service.apiKey)
                #expect(notFound.status == .notFound)
                #expect(try notFound.decode(ProblemBody.self).type == "/problems/api-key-not-found")
                #expect(
                    try await Self.get(
                        Product.viewer.usersPath, client, key: try #require(try theirs.json()["key"] as? String)
                    ).status == .ok)

                let first = try await Self.create("ci", client, key: service.apiKey, idempotencyKey: "create-ci")
                #expect(first.status == .created)
                let replay = try await Self.create("ci", client, key: service.apiKey, idempotencyKey: "create-ci")
                // Never a secretless 201: the client that lost the first answer learns a key exists that nobody holds.
                #expect(replay.status == .conflict)
                #expect(replay.headers[.idempotentReplayed] == "true")
                let problem = try replay.decode(ProblemBody.self)
                #expect(problem.type == "/problems/api-key-secret-not-kept")
                #expect(problem.detail.contains(try #require(first.json()["keyId"] as? String)))
                #expect(!String(decoding: replay.body.readableBytesView, as: UTF8.self).contains("\"key\""))
                #expect(try await service.count("SELECT COUNT(*) AS n FROM api_keys WHERE name = 'ci'") == 1)
            }
        }
    }

    @Test("a key revoked through this replica is refused here at once, even while remembered, even revoking itself")
    func revocationIsImmediateHere() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let created = try await Self.create("leaked", client, key: service.apiKey)
                let secret = try #require(try created.json()["key"] as? String)
                let keyId = try #require(try created.json()["keyId"] as? String)
                #expect(try await Self.get(Product.viewer.usersPath, client, key: secret).status == .ok)  // remembered
                #expect(try await Self.revoke(keyId, client, key: service.apiKey).status == .ok)
                #expect(try await Self.get(Product.viewer.usersPath, client, key: secret).status == .unauthorized)

                let other = try await Self.create("self-revoking", client, key: service.apiKey)
                let otherSecret = try #require(try other.json()["key"] as? String)
                let otherId = try #require(try other.json()["keyId"] as? String)
                #expect(try await Self.revoke(otherId, client, key: otherSecret).status == .ok)
                #expect(try await Self.create("minted after", client, key: otherSecret).status == .unauthorized)
            }
        }
    }

    @Test("each key records the key that created it; the first key and the CLI's have none")
    func createdBy() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let firstId = String(service.apiKey.dropFirst(4).prefix { $0 != "_" })
                service.clock.advance(by: 1)
                let child = try await Self.create("child", client, key: service.apiKey)
                #expect(try child.json()["createdByKeyId"] as? String == firstId)
                let childSecret = try #require(try child.json()["key"] as? String)
                let childId = try #require(try child.json()["keyId"] as? String)
                service.clock.advance(by: 1)
                let grandchild = try await Self.create("grandchild", client, key: childSecret)
                #expect(try grandchild.json()["createdByKeyId"] as? String == childId)
                service.clock.advance(by: 1)
                _ = try await service.environment.services.apiKeys.create(
                    name: "from the CLI", context: .cli(service.clinic))

                let list = try await Self.get("/v1/apiKeys", client, key: service.apiKey)
                let keys = try #require(try list.json()["data"] as? [[String: Any]])
                let creators = keys.map { $0["createdByKeyId"].map { $0 as? String ?? "null" } }
                #expect(
                    creators == ["null", firstId, childId, "null"], "the creator is always present, null when none")
            }
        }
    }

    @Test("a clinic has at most 100 live keys; past them a clear 422, and a revoked key frees its place")
    func liveKeyLimit() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                // The clinic's first key and 97 more: 98 live.
                for index in 0..<97 {
                    #expect(
                        try await Self.create(.string("key \(index)"), client, key: service.apiKey).status == .created)
                }
                // Five at once for the last two places: exactly two are made.
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<5 {
                        group.addTask {
                            try await Self.create(.string("racing \(index)"), client, key: service.apiKey).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .created }.count == 2)
                #expect(statuses.filter { $0 == .unprocessableContent }.count == 3)
                let refused = try await Self.create("one too many", client, key: service.apiKey)
                #expect(refused.status == .unprocessableContent)
                let problem = try refused.decode(ProblemBody.self)
                #expect(problem.type == "/problems/api-key-limit")
                #expect(problem.detail.contains("100 API keys"))
                #expect(try await service.count("SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL") == 100)

                let list = try await Self.get("/v1/apiKeys", client, key: service.apiKey)
                let last = try #require(try list.json()["data"] as? [[String: Any]]).last
                #expect(
                    try await Self.revoke(try #require(last?["keyId"] as? String), client, key: service.apiKey).status
                        == .ok)
                #expect(try await Self.create("replacement", client, key: service.apiKey).status == .created)
            }
        }
    }

    @Test("key names with bidi controls or other format characters are refused naming the field")
    func formatCharactersInNames() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                for name in ["billing\u{202E}gnillib", "zero\u{200B}width", "\u{2066}isolate"] {
                    let response = try await Self.create(.string(name), client, key: service.apiKey)
                    #expect(response.status == .unprocessableContent, "\(name.unicodeScalars.map(\.value))")
                    #expect(try response.decode(ProblemBody.self).errors?.map(\.field) == ["name"])
                }
                // Joiners spell Persian and Indic names: they are kept.
                #expect(
                    try await Self.create(
                        "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}", client, key: service.apiKey
                    ).status == .created)
            }
        }
    }
}

/// The cache of verified keys, alone.
@Suite("Verified key cache")
struct AuthenticatedKeyCacheTests {
    static func key(_ keyId: String, of clinicId: String) -> VerifiedKey {
        VerifiedKey(
            clinic: Clinic(clinicId: clinicId, name: clinicId, createdAt: Date(timeIntervalSince1970: 0)), keyId: keyId,
            name: keyId
        )
    }

    @Test("a verification that ends after the key's revocation does not put the key back")
    func revokedStaysOut() {
        let cache = AuthenticatedKeyCache(clock: TestClock())
        cache.remember(Self.key("k1", of: "c1"), forKeyHash: "h1")
        cache.forget(keyId: "k1")
        #expect(cache.verifiedKey(forKeyHash: "h1") == nil)
        cache.remember(Self.key("k1", of: "c1"), forKeyHash: "h1")  // a lookup that began before the revoke
        #expect(cache.verifiedKey(forKeyHash: "h1") == nil)
    }

    @Test("one clinic's many keys cannot push another clinic's keys out")
    func boundedPerClinic() {
        let clock = TestClock()
        let cache = AuthenticatedKeyCache(capacity: 10, capacityPerClinic: 3, clock: clock)
        cache.remember(Self.key("b1", of: "b"), forKeyHash: "hb1")
        for index in 0..<50 {
            clock.advance(by: 0.01)
            cache.remember(Self.key("a\(index)", of: "a"), forKeyHash: "ha\(index)")
        }
        #expect(cache.verifiedKey(forKeyHash: "hb1")?.clinic.clinicId == "b")
        #expect(cache.verifiedKey(forKeyHash: "ha49")?.clinic.clinicId == "a")
        #expect(cache.verifiedKey(forKeyHash: "ha0") == nil, "clinic a's own oldest went")
    }
}
