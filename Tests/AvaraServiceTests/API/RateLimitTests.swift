import AvaraSupport
import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraService

/// Each API key has its own rate limit, advertised on every answer.
@Suite("Rate limits per API key, per clinic and per address")
struct RateLimitTests {
    static func list(_ client: some TestClientProtocol, key: String) async throws -> TestResponse {
        try await client.executeRequest(
            uri: Product.viewer.usersPath, method: .get, headers: [.authorization: "Bearer \(key)"], body: nil
        )
    }

    @Test("a burst of 3 at 2 a second: the fourth request answers 429 with Retry-After; the bucket refills with time")
    func burstThenRate() async throws {
        try await TestService.with(configure: {
            $0.rateLimit = 2
            $0.rateLimitBurst = 3
            $0.clinicRateLimit = 0
        }) { service in
            try await service.app().test(.router) { client in
                for remaining in [2, 1, 0] {
                    let response = try await Self.list(client, key: service.apiKey)
                    #expect(response.status == .ok)
                    #expect(response.headers[.rateLimitPolicy] == #""per-key";q=3;w=2"#)
                    #expect(response.headers[.rateLimit]?.hasPrefix(#""per-key";r=\#(remaining);t="#) == true)
                }
                let refused = try await Self.list(client, key: service.apiKey)
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers[.retryAfter] == "1")
                #expect(refused.headers[.rateLimit] == #""per-key";r=0;t=1"#)
                #expect(try refused.decode(ProblemBody.self).type == "/problems/rate-limited")

                // Another clinic's key has a bucket of its own.
                let other = try await service.createClinic("Other Imaging")
                #expect(try await Self.list(client, key: other.apiKey).status == .ok)

                service.clock.advance(by: 0.5)
                #expect(try await Self.list(client, key: service.apiKey).status == .ok)
                #expect(try await Self.list(client, key: service.apiKey).status == .tooManyRequests)
            }
        }
    }

    @Test("errors of a limited key carry the fields too; a request without a valid key is not counted")
    func errorsCarryTheFields() async throws {
        try await TestService.with(configure: {
            $0.rateLimit = 1
            $0.rateLimitBurst = 1
            $0.clinicRateLimit = 0
        }) { service in
            try await service.app().test(.router) { client in
                let missing = try await client.executeRequest(
                    uri: "\(Product.viewer.usersPath)/usr_0123456789abcdef0123456789abcdef", method: .get,
                    headers: [.authorization: "Bearer \(service.apiKey)"], body: nil
                )
                #expect(missing.status == .notFound)
                #expect(missing.headers[.rateLimit] == #""per-key";r=0;t=1"#)
                let unauthorized = try await Self.list(client, key: "avk_0123456789abcdef_nope")
                #expect(unauthorized.status == .unauthorized)
                #expect(unauthorized.headers[.rateLimit] == nil)
            }
        }
    }

    @Test("--rate-limit 0 turns limiting off: no fields, no 429")
    func off() async throws {
        try await TestService.with(configure: {
            $0.rateLimit = 0
            $0.rateLimitBurst = 1
            $0.clinicRateLimit = 0
        }) { service in
            try await service.app().test(.router) { client in
                for _ in 0..<5 {
                    let response = try await Self.list(client, key: service.apiKey)
                    #expect(response.status == .ok)
                    #expect(response.headers[.rateLimit] == nil)
                }
            }
        }
    }

    @Test("a clinic's keys share the clinic's ceiling: minting keys does not multiply the rate")
    func perClinicCeiling() async throws {
        try await TestService.with(configure: {
            $0.rateLimit = 100
            $0.rateLimitBurst = 100
            $0.clinicRateLimit = 2
        }) { service in
            try await service.app().test(.router) { client in
                var keys = [service.apiKey]
                for name in ["second", "third"] {
                    let created = try await APIKeysTests.create(.string(name), client, key: service.apiKey)
                    keys.append(try #require(try created.json()["key"] as? String))
                }
                // Two creations took two of the clinic's four; two more go, whichever key sends them.
                let allowed = try await Self.list(client, key: keys[1])
                #expect(allowed.status == .ok)
                #expect(allowed.headers[.rateLimitPolicy] == #""per-key";q=100;w=1, "per-clinic";q=4;w=2"#)
                #expect(allowed.headers[.rateLimit] == #""per-key";r=99;t=1, "per-clinic";r=1;t=2"#)
                let last = try await Self.list(client, key: keys[2])
                #expect(last.status == .ok)
                #expect(last.headers[.rateLimit] == #""per-key";r=99;t=1, "per-clinic";r=0;t=2"#)
                for key in keys {
                    let refused = try await Self.list(client, key: key)
                    #expect(refused.status == .tooManyRequests)
                    #expect(
                        try refused.decode(ProblemBody.self).detail.hasPrefix(
                            "This clinic's API keys together made more than 2"))
                }
                let other = try await service.createClinic("Other Imaging")
                #expect(try await Self.list(client, key: other.apiKey).status == .ok)
                service.clock.advance(by: 0.5)
                #expect(try await Self.list(client, key: keys[2]).status == .ok)
            }
        }
    }

    @Test("requests without a key verified lately are limited per address; a verified key goes on")
    func unverifiedPerAddress() async throws {
        try await TestService.with(configure: { $0.unauthenticatedRateLimit = 1 }) { service in
            try await service.app().test(.router) { client in
                // Verified and remembered; the token it took is given back.
                #expect(try await Self.list(client, key: service.apiKey).status == .ok)
                for index in 0..<5 {
                    let guess = try await Self.list(client, key: "avk_0123456789abcdef_guess\(index)")
                    #expect(guess.status == .unauthorized)
                }
                let limited = try await Self.list(client, key: "avk_0123456789abcdef_guess")
                #expect(limited.status == .tooManyRequests)
                #expect(limited.headers[.retryAfter] == "1")
                let keyless = try await client.executeRequest(
                    uri: Product.viewer.usersPath, method: .get, headers: [:], body: nil)
                #expect(keyless.status == .tooManyRequests)
                #expect(try await Self.list(client, key: service.apiKey).status == .ok)
                service.clock.advance(by: 1)
                #expect(try await Self.list(client, key: "avk_0123456789abcdef_guess").status == .unauthorized)

                // Valid keys the database verifies give their token back: a client minting and using keys, each
                // verified once, is never limited by the bucket of unknown keys.
                service.clock.advance(by: 10)
                for index in 0..<8 {
                    let created = try await APIKeysTests.create(.string("fresh \(index)"), client, key: service.apiKey)
                    let secret = try #require(try created.json()["key"] as? String)
                    #expect(try await Self.list(client, key: secret).status == .ok, "fresh key \(index)")
                }
            }
        }
    }

    @Test("a group churning keys cannot push another group's buckets out")
    func bucketsBoundedPerGroup() {
        let clock = TestClock()
        let buckets = TokenBuckets(rate: 1, burst: 2, capacity: 10, capacityPerGroup: 3, clock: clock)
        #expect(buckets.take("b1", in: "clinic-b").allowed)
        #expect(buckets.take("b1", in: "clinic-b").allowed)
        #expect(!buckets.take("b1", in: "clinic-b").allowed)
        for index in 0..<50 { _ = buckets.take("a\(index)", in: "clinic-a") }
        #expect(!buckets.take("b1", in: "clinic-b").allowed, "clinic b's empty bucket was kept, not reset to full")
    }

    @Test("AVARA_RATE_LIMIT and AVARA_RATE_LIMIT_BURST: defaults 1000 and 2000, whole numbers only")
    func configuration() throws {
        let defaults = try ServiceConfiguration(environment: [:])
        #expect(defaults.rateLimit == 1000 && defaults.rateLimitBurst == 2000)
        #expect(defaults.clinicRateLimit == 2000 && defaults.unauthenticatedRateLimit == 20)
        let set = try ServiceConfiguration(environment: [
            "AVARA_RATE_LIMIT": "0", "AVARA_RATE_LIMIT_BURST": "10", "AVARA_CLINIC_RATE_LIMIT": "50",
            "AVARA_UNAUTHENTICATED_RATE_LIMIT": "0",
        ])
        #expect(
            set.rateLimit == 0 && set.rateLimitBurst == 10 && set.clinicRateLimit == 50
                && set.unauthenticatedRateLimit == 0)
        for (name, bad) in [
            ("AVARA_RATE_LIMIT", "-1"), ("AVARA_RATE_LIMIT", "fast"), ("AVARA_RATE_LIMIT_BURST", "0"),
            ("AVARA_CLINIC_RATE_LIMIT", "-5"), ("AVARA_UNAUTHENTICATED_RATE_LIMIT", "many"),
        ] {
            #expect(throws: ConfigurationError.self) { try ServiceConfiguration(environment: [name: bad]) }
        }
    }
}
