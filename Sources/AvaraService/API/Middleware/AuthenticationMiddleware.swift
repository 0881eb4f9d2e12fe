import AvaraCore
import Hummingbird
import Logging

/// Requires `Authorization: Bearer <API key>` and binds the key's clinic to the request's context, from which
/// ``ClinicRequestContext`` takes it.
///
/// A missing, malformed, unknown or revoked key all answer the same 401, so the response tells an attacker
/// nothing about which keys exist.
package struct AuthenticationMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext
    private let clinics: any ClinicRepository
    private let keys: APIKeyService
    private let cache: AuthenticatedKeyCache

    package init(clinics: any ClinicRepository, keys: APIKeyService, cache: AuthenticatedKeyCache) {
        self.clinics = clinics
        self.keys = keys
        self.cache = cache
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized()
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let key = APIKey(presented: parts[1]),
            let clinic = try await clinic(authenticatedBy: key, logger: context.logger)
        else {
            throw APIError.unauthorized("The API key is not valid.")
        }
        var context = context
        context.clinic = clinic
        context.apiKeyId = key.keyId
        context.logger[metadataKey: "clinicId"] = .string(clinic.clinicId)
        return try await next(request, context)
    }

    /// The key's clinic, from the cache when the key was verified recently, else from the database; a key looked
    /// up in the database has its use recorded when the last one recorded is a minute old.
    private func clinic(authenticatedBy key: APIKey, logger: Logger) async throws -> Clinic? {
        let hash = key.secretHash
        if let clinic = cache.clinic(forKeyHash: hash) {
            return clinic
        }
        guard let owner = try await clinics.owner(of: key) else { return nil }
        cache.remember(owner.clinic, forKeyHash: hash)
        do {
            try await keys.recordUse(keyId: key.keyId, lastUsedAt: owner.lastUsedAt)
        } catch {
            // A bookkeeping write must not fail the request it notes.
            logger.warning("api key use not recorded", metadata: ["keyId": "\(key.keyId)", "error": "\(error)"])
        }
        return owner.clinic
    }
}
