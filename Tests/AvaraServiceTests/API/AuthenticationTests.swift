import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("API keys")
struct AuthenticationTests {
    @Test("keys are stored only as SHA-256 hashes")
    func keysAreStoredHashed() async throws {
        try await TestService.with { service in
            let stored = try await service.strings("SELECT secret_hash FROM api_keys", column: "secret_hash")
            #expect(stored.count == 1)
            #expect(stored.first?.wholeMatch(of: /[0-9a-f]{64}/) != nil)
            let database = try await service.databaseContents()
            let secret = try #require(service.apiKey.split(separator: "_").last)
            #expect(database.range(of: Data(secret.utf8)) == nil, "the key's secret must not be in the database")
        }
    }

    @Test("a key revoked in the database keeps working for at most 5 seconds (the cache), then answers 401")
    func revokedKeyStopsWithinTheCacheLifetime() async throws {
        try await TestService.with { service in
            try await service.app().test(.router) { client in
                let first = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "a@clinic.org"), key: service.apiKey)
                #expect(first.status == .created)

                try await service.environment.store.transaction { db in
                    try await db.raw("UPDATE api_keys SET revoked_at = '2026-03-01T09:30:00.000Z'").run()
                }
                service.clock.advance(by: 4)
                let cached = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "b@clinic.org"), key: service.apiKey)
                #expect(cached.status == .created)

                service.clock.advance(by: 2)
                let revoked = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: "c@clinic.org"), key: service.apiKey)
                #expect(revoked.status == .unauthorized)
            }
        }
    }

    @Test("one clinic's key never reaches another clinic, even after the first key was cached")
    func cachedKeysStayWithTheirClinic() async throws {
        try await TestService.with { service in
            let other = try await service.createClinic("Northside Radiology")
            try await service.app().test(.router) { client in
                for (key, email) in [
                    (service.apiKey, "a@clinic.org"), (other.apiKey, "b@clinic.org"), (service.apiKey, "c@clinic.org"),
                ] {
                    let response = try await client.invite(
                        .viewer, InviteBodies.minimal(.viewer, email: email), key: key)
                    #expect(response.status == .created)
                }
            }
            let ours = try await service.count(
                "SELECT COUNT(*) AS n FROM users WHERE clinic_id = '\(service.clinic.clinicId)'"
            )
            let theirs = try await service.strings(
                "SELECT email FROM users WHERE clinic_id = '\(other.clinic.clinicId)'", column: "email"
            )
            #expect(ours == 2)
            #expect(theirs == ["b@clinic.org"])
        }
    }
}
