import Foundation
import Testing

@testable import Avara

@Suite("Retry policy")
struct RetryPolicyTests {
    static func response(_ status: Int, _ headers: [String: String] = [:]) -> HTTPResponseData {
        HTTPResponseData(status: status, headers: headers, body: Data())
    }

    @Test("the wait doubles from 0.5 s up to 8 s without jitter")
    func exponentialBackoff() {
        let policy = RetryPolicy()
        let waits = (0..<7).map { policy.delay(beforeRetry: $0, after: nil, jitter: 0) }
        #expect(
            waits == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
    }

    @Test("jitter shortens a wait by at most a quarter")
    func jitterRange() {
        let policy = RetryPolicy()
        #expect(policy.delay(beforeRetry: 1, after: nil, jitter: 0.999_999) > .milliseconds(750))
        #expect(policy.delay(beforeRetry: 1, after: nil, jitter: 1) == .milliseconds(750))
        #expect(policy.delay(beforeRetry: 1, after: nil, jitter: 0.5) == .milliseconds(875))
    }

    @Test("retry-after-ms wins over Retry-After, which wins over the backoff")
    func serverRequestedWaits() {
        let policy = RetryPolicy()
        let both = Self.response(429, ["retry-after-ms": "1500", "Retry-After": "30"])
        #expect(policy.delay(beforeRetry: 0, after: both, jitter: 0) == .milliseconds(1500))
        let seconds = Self.response(503, ["retry-after": "3"])
        #expect(policy.delay(beforeRetry: 0, after: seconds, jitter: 0.7) == .seconds(3))
    }

    @Test("a Retry-After HTTP date in the near future is waited for")
    func retryAfterDate() {
        let policy = RetryPolicy()
        let now = try! Date("2027-01-15T08:00:00Z", strategy: .iso8601)
        let response = Self.response(503, ["Retry-After": "Fri, 15 Jan 2027 08:00:05 GMT"])
        #expect(policy.delay(beforeRetry: 0, after: response, now: now, jitter: 0) == .seconds(5))
    }

    @Test(
        "waits asked for beyond a minute, or nonsense, fall back to the backoff",
        arguments: ["61", "-1", "soon", "120000"])
    func unreasonableWaitsAreIgnored(value: String) {
        let policy = RetryPolicy()
        #expect(
            policy.delay(beforeRetry: 0, after: Self.response(429, ["Retry-After": value]), jitter: 0)
                == .milliseconds(500))
        #expect(
            policy.delay(
                beforeRetry: 0, after: Self.response(429, ["retry-after-ms": value == "61" ? "60001" : value]),
                jitter: 0) == .milliseconds(500))
    }

    @Test(
        "408, 409, 429 and 5xx are retried; other statuses are not",
        arguments: [
            (408, true), (409, true), (429, true), (500, true), (502, true), (503, true), (504, true),
            (400, false), (401, false), (403, false), (404, false), (422, false),
        ])
    func statusRule(status: Int, retried: Bool) {
        #expect(RetryPolicy.shouldRetry(Self.response(status)) == retried)
    }

    @Test("x-should-retry overrides the status rule")
    func shouldRetryHeader() {
        #expect(!RetryPolicy.shouldRetry(Self.response(409, ["x-should-retry": "false"])))
        #expect(!RetryPolicy.shouldRetry(Self.response(503, ["X-Should-Retry": "false"])))
        #expect(RetryPolicy.shouldRetry(Self.response(400, ["x-should-retry": "true"])))
    }

    @Test("connection failures and timeouts are retried; other failures are not")
    func failureRule() {
        #expect(RetryPolicy.shouldRetry(AvaraError(transportFailure: .connection)))
        #expect(RetryPolicy.shouldRetry(AvaraError(transportFailure: .timeout)))
        #expect(!RetryPolicy.shouldRetry(AvaraError(transportFailure: .invalidResponse)))
    }
}
