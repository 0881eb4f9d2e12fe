import AvaraCore
import Hummingbird
import Logging

/// Requires `Authorization: Bearer <API key>` and binds the key's clinic to the request's context, from which
/// ``ClinicRequestContext`` takes it.
///
/// A missing, malformed, unknown or revoked key all answer the same 401, so the response tells an attacker
/// nothing about which keys exist. Requests that carry no usable key, or a key this replica did not verify lately,
/// take a token of their client address's bucket (``unverifiedRequests``) before any database read, so that guessing
/// keys or flooding with unknown ones cannot keep the database busy; a key the database then verifies gives its
/// token back, so that clients with valid keys are never limited by it.
package struct AuthenticationMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext
    private let keys: APIKeyService
    /// A bucket per client address (an IPv6 client's /64) for requests without a key verified lately; `nil` turns
    /// the limit off.
    private let unverifiedRequests: TokenBuckets?

    package init(keys: APIKeyService, unverifiedRequests: TokenBuckets?) {
        self.keys = keys
        self.unverifiedRequests = unverifiedRequests
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let header = request.headers[.authorization]
        let parts = header?.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true) ?? []
        guard parts.count == 2, parts[0].lowercased() == "bearer", let key = APIKey(presented: parts[1]) else {
            try limitUnverified(context)
            throw header == nil ? APIError.unauthorized() : APIError.unauthorized("The API key is not valid.")
        }
        let clinic: Clinic
        if let known = keys.recentlyVerifiedClinic(key) {
            clinic = known
        } else {
            try limitUnverified(context)
            guard let verified = try await keys.authenticate(key) else {
                throw APIError.unauthorized("The API key is not valid.")
            }
            unverifiedRequests?.giveBack(context.countedClientAddress)
            clinic = verified
        }
        var context = context
        context.clinic = clinic
        context.apiKeyId = key.keyId
        context.logger[metadataKey: "clinicId"] = .string(clinic.clinicId)
        return try await next(request, context)
    }

    /// Takes a token of the client address's bucket, or answers 429.
    private func limitUnverified(_ context: Context) throws {
        guard let unverifiedRequests else { return }
        let decision = unverifiedRequests.take(context.countedClientAddress)
        guard decision.allowed else {
            ServiceMetrics.rateLimited()
            throw APIError.rateLimited(
                "This address, without an API key verified lately,", perSecond: unverifiedRequests.rate,
                retryAfter: decision.seconds
            )
        }
    }
}
