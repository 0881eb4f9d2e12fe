import AvaraCore
import Hummingbird
import Logging

/// Requires `Authorization: Bearer <API key>` and binds the verified key, with its clinic, to the request's
/// context, from which ``ClinicRequestContext`` takes it.
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
        guard parts.count == 2, parts[0].lowercased() == "bearer", let key = APIKeyCredential(presented: parts[1])
        else {
            try limitUnverified(context.countedClientAddress)
            throw header == nil ? APIError.unauthorized() : APIError.unauthorized("The API key is not valid.")
        }
        // The address whose token a request took on its way to the database, given back if the key is valid.
        var counted: String?
        let verified = try await keys.authenticate(key) {
            let address = context.countedClientAddress
            try limitUnverified(address)
            counted = address
        }
        guard let verified else { throw APIError.unauthorized("The API key is not valid.") }
        if let counted { unverifiedRequests?.giveBack(counted) }
        var context = context
        context.verifiedKey = verified
        context.logger[metadataKey: "clinicId"] = .string(verified.clinic.clinicId)
        return try await next(request, context)
    }

    /// Takes a token of the bucket of `address` (``AvaraRequestContext/countedClientAddress``), or answers 429.
    private func limitUnverified(_ address: String) throws {
        guard let unverifiedRequests else { return }
        let decision = unverifiedRequests.take(address)
        guard decision.allowed else {
            ServiceMetrics.rateLimited()
            throw APIError.rateLimited(
                "This address, without an API key verified lately,", perSecond: unverifiedRequests.rate,
                retryAfter: decision.seconds
            )
        }
    }
}
