import AvaraCore
import HTTPTypes
import Hummingbird

/// Limits each API key to the rate of its ``TokenBuckets``, and each clinic, whatever the number of its keys, to
/// the rate of its own: a request past either answers `429` with `Retry-After`.
///
/// Every answer to a key-authenticated request carries the IETF fields of draft-ietf-httpapi-ratelimit-headers:
/// `RateLimit-Policy: "per-key";q=2000;w=2, "per-clinic";q=4000;w=2` (each burst, and the seconds its rate takes
/// to refill it) and `RateLimit: "per-key";r=1999;t=1, "per-clinic";r=3999;t=1` (requests left, and seconds until
/// the bucket is full again, or until the next request may go when none is left).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AvaraRequestContext
    /// A bucket per key, grouped by clinic.
    let perKey: TokenBuckets?
    /// A bucket per clinic.
    let perClinic: TokenBuckets?
    /// `RateLimit-Policy`, the same on every answer.
    private let policy: String
    /// Whether an error from further in becomes here the REST API's problem, carrying the fields; `false` leaves it
    /// as it is for a surface that renders its own errors (SCIM), whose error answers then go without them.
    var rendersErrors = true

    /// `nil` when both limits are off.
    init?(perKey: TokenBuckets?, perClinic: TokenBuckets?) {
        guard perKey != nil || perClinic != nil else { return nil }
        self.perKey = perKey
        self.perClinic = perClinic
        policy = [("per-key", perKey), ("per-clinic", perClinic)].compactMap { name, buckets in
            buckets.map { "\"\(name)\";q=\($0.burst);w=\(($0.burst + $0.rate - 1) / $0.rate)" }
        }.joined(separator: ", ")
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // The authentication before it found the key; without one nothing is counted (it answered 401 already).
        guard let keyId = context.verifiedKey?.keyId, let clinicId = context.verifiedKey?.clinic.clinicId else {
            return try await next(request, context)
        }
        var decisions: [Limited] = []
        if let perKey {
            decisions.append(
                Limited(
                    name: "per-key", who: "This API key", buckets: perKey, decision: perKey.take(keyId, in: clinicId)))
        }
        if let perClinic, decisions.allSatisfy(\.decision.allowed) {
            decisions.append(
                Limited(
                    name: "per-clinic", who: "This clinic's API keys together", buckets: perClinic,
                    decision: perClinic.take(clinicId)
                ))
        }
        let fields = fields(for: decisions)
        if let refused = decisions.first(where: { !$0.decision.allowed }) {
            ServiceMetrics.rateLimited()
            var error = APIError.rateLimited(
                refused.who, perSecond: refused.buckets.rate, retryAfter: refused.decision.seconds
            )
            error.headers.append(contentsOf: fields)
            throw error
        }
        do {
            var response = try await next(request, context)
            response.headers.append(contentsOf: fields)
            return response
        } catch {
            guard rendersErrors else { throw error }
            // The problem it becomes carries the fields too (ProblemMiddleware renders it as it is).
            var problem = ProblemMiddleware.apiError(for: error, logger: context.logger)
            problem.headers.append(contentsOf: fields)
            throw problem
        }
    }

    /// One limit's answer to a request.
    private struct Limited {
        var name: String
        var who: String
        var buckets: TokenBuckets
        var decision: TokenBuckets.Decision
    }

    private func fields(for decisions: [Limited]) -> HTTPFields {
        let state = decisions.map {
            "\"\($0.name)\";r=\($0.decision.remaining);t=\(Int($0.decision.seconds.rounded(.up)))"
        }
        return [.rateLimitPolicy: policy, .rateLimit: state.joined(separator: ", ")]
    }
}

extension HTTPField.Name {
    /// The quota policy (draft-ietf-httpapi-ratelimit-headers).
    static let rateLimitPolicy = Self("RateLimit-Policy")!
    /// What is left of the quota (draft-ietf-httpapi-ratelimit-headers).
    static let rateLimit = Self("RateLimit")!
}
