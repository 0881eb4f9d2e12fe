import AvaraTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AvaraCore
@testable import AvaraService

/// Each API key has its own rate limit, advertised on every answer.
@Suite("Rate limits per API key")
struct RateLimitTests {
    static func list(_ client: some TestClientProtocol, key: String) async throws -> TestResponse {
        try await client.executeRequest(
            uri: Product.viewer.usersPath, method: .get, headers: [.authorization: "Bearer \(key)"], body: nil
        )
    }

    @Test("a burst of 3 at 2 a second: the fourth request answers 429 with Retry-After; the bucket refills with time")
    func burstThenRate() async throws {
        try await TestService.with(configure: { $0.rateLimit = 2; $0.rateLimitBurst = 3 }) { service in
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
        try await TestService.with(configure: { $0.rateLimit = 1; $0.rateLimitBurst = 1 }) { service in
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
        try await TestService.with(configure: { $0.rateLimit = 0; $0.rateLimitBurst = 1 }) { service in
            try await service.app().test(.router) { client in
                for _ in 0..<5 {
                    let response = try await Self.list(client, key: service.apiKey)
                    #expect(response.status == .ok)
                    #expect(response.headers[.rateLimit] == nil)
                }
            }
        }
    }

    @Test("AVARA_RATE_LIMIT and AVARA_RATE_LIMIT_BURST: defaults 1000 and 2000, whole numbers only")
    func configuration() throws {
        let defaults = try ServiceConfiguration(environment: [:])
        #expect(defaults.rateLimit == 1000 && defaults.rateLimitBurst == 2000)
        let set = try ServiceConfiguration(environment: ["AVARA_RATE_LIMIT": "0", "AVARA_RATE_LIMIT_BURST": "10"])
        #expect(set.rateLimit == 0 && set.rateLimitBurst == 10)
        for (name, bad) in [("AVARA_RATE_LIMIT", "-1"), ("AVARA_RATE_LIMIT", "fast"), ("AVARA_RATE_LIMIT_BURST", "0")] {
            #expect(throws: ConfigurationError.self) { try ServiceConfiguration(environment: [name: bad]) }
        }
    }
}
