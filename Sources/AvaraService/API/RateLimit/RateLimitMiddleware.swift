import HTTPTypes
import Hummingbird

/// Limits each API key to the rate of its ``TokenBuckets``: a request past it answers `429` with `Retry-After`.
///
/// Every answer to a key-authenticated request carries the IETF fields of draft-ietf-httpapi-ratelimit-headers:
/// `RateLimit-Policy: "per-key";q=2000;w=2` (the burst, and the seconds the rate takes to refill it) and
/// `RateLimit: "per-key";r=1999;t=1` (requests left, and seconds until the bucket is full again, or until the
/// next request may go when none is left).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AvaraRequestContext
    let buckets: TokenBuckets
    /// `RateLimit-Policy`, the same on every answer.
    private let policy: String

    init(buckets: TokenBuckets) {
        self.buckets = buckets
        let window = (buckets.burst + buckets.rate - 1) / buckets.rate
        policy = "\"per-key\";q=\(buckets.burst);w=\(window)"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The authentication before it found the key; without one nothing is counted (it answered 401 already).
        guard let keyId = context.apiKeyId else { return try await next(request, context) }
        let decision = buckets.take(keyId)
        let fields = fields(for: decision)
        guard decision.allowed else {
            ServiceMetrics.rateLimited()
            var error = APIError.rateLimited(perSecond: buckets.rate, retryAfter: decision.seconds)
            error.headers.append(contentsOf: fields)
            throw error
        }
        do {
            var response = try await next(request, context)
            response.headers.append(contentsOf: fields)
            return response
        } catch {
            // The problem it becomes carries the fields too (ProblemMiddleware renders it as it is).
            var problem = ProblemMiddleware.apiError(for: error, logger: context.logger)
            problem.headers.append(contentsOf: fields)
            throw problem
        }
    }

    private func fields(for decision: TokenBuckets.Decision) -> HTTPFields {
        let seconds = Int(decision.seconds.rounded(.up))
        return [
            .rateLimitPolicy: policy,
            .rateLimit: "\"per-key\";r=\(decision.remaining);t=\(seconds)",
        ]
    }
}

extension HTTPField.Name {
    /// The quota policy (draft-ietf-httpapi-ratelimit-headers).
    static let rateLimitPolicy = Self("RateLimit-Policy")!
    /// What is left of the quota (draft-ietf-httpapi-ratelimit-headers).
    static let rateLimit = Self("RateLimit")!
}
