import Hummingbird
import Logging

/// Requires `Authorization: Bearer <API key>` and binds the key's clinic to the request.
///
/// A missing, malformed, unknown or revoked key all answer the same 401, so the response tells an attacker
/// nothing about which keys exist.
package struct AuthenticationMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext
    private let clinics: any ClinicRepository

    package init(clinics: any ClinicRepository) {
        self.clinics = clinics
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized()
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let key = APIKey(presented: parts[1]),
            let clinic = try await clinics.clinic(authenticatedBy: key)
        else {
            throw APIError.unauthorized("The API key is not valid.")
        }
        var context = context
        context.clinic = clinic
        context.logger[metadataKey: "clinicId"] = .string(clinic.clinicId)
        let scope = RequestScope(requestId: context.requestId, clinic: clinic)
        return try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
    }
}
