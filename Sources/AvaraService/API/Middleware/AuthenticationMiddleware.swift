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
    private let cache: AuthenticatedKeyCache

    package init(clinics: any ClinicRepository, cache: AuthenticatedKeyCache) {
        self.clinics = clinics
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
            let clinic = try await clinic(authenticatedBy: key)
        else {
            throw APIError.unauthorized("The API key is not valid.")
        }
        var context = context
        context.clinic = clinic
        context.apiKeyId = key.keyId
        context.logger[metadataKey: "clinicId"] = .string(clinic.clinicId)
        return try await next(request, context)
    }

    /// The key's clinic, from the cache when the key was verified recently, else from the database.
    private func clinic(authenticatedBy key: APIKey) async throws -> Clinic? {
        let hash = key.secretHash
        if let clinic = cache.clinic(forKeyHash: hash) {
            return clinic
        }
        guard let clinic = try await clinics.clinic(authenticatedBy: key) else { return nil }
        cache.remember(clinic, forKeyHash: hash)
        return clinic
    }
}
