import Foundation
import Hummingbird
import Logging
import OpenAPIRuntime

/// Makes the invite endpoints honour `Idempotency-Key`: a retry of a request gets the first answer again, never a
/// second user or a second email.
///
/// For `POST` to an invite path with the header, after authentication and once the body is in memory:
/// - a key that is not 1 to 255 visible ASCII characters answers 400;
/// - a key the clinic used in the last 24 hours (``window``) for the same path and body replays that answer
///   (201 or 409) with `Idempotent-Replayed: true`; for another path or body it answers 422;
/// - a fresh key is bound as ``IdempotencyClaim/current`` and the request goes on: the invite stores the key with
///   its answer in its own transaction. When a concurrent request with the same key committed first, this one
///   answers with that request's answer.
///
/// Requests without the header pass through untouched. Keys and bodies are never logged above debug level.
package struct IdempotencyMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext

    private let repository: any IdempotencyRepository
    private let clock: any ServiceClock
    private let paths: Set<String>
    private let window: Duration

    /// - Parameters:
    ///   - repository: Where kept answers are found.
    ///   - clock: Decides which answers are still kept.
    ///   - products: The products whose invite path (`/v1/{product}/users`) takes keys.
    ///   - window: How long an answer is kept and replayed.
    package init(
        repository: any IdempotencyRepository,
        clock: any ServiceClock,
        products: [Product],
        window: Duration = .seconds(24 * 60 * 60)
    ) {
        self.repository = repository
        self.clock = clock
        self.paths = Set(products.map { "/v1/\($0.pathComponent)/users" })
        self.window = window
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, paths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        let values = request.headers[values: .idempotencyKey]
        guard !values.isEmpty else {
            return try await next(request, context)
        }
        guard values.count == 1, let key = IdempotencyKey(values[0]) else {
            throw APIError.invalidIdempotencyKey()
        }
        guard let clinic = context.clinic else { throw APIError.unauthorized() }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let fingerprint = RequestFingerprint(path: request.uri.path, body: body.readableBytesView)
        let now = clock.now()
        if let remembered = try await repository.remembered(clinicId: clinic.clinicId, key: key.rawValue, now: now) {
            return try replay(remembered, to: fingerprint, key: key, logger: context.logger)
        }
        let claim = IdempotencyClaim(
            clinicId: clinic.clinicId, key: key, fingerprint: fingerprint, requestId: context.requestId,
            createdAt: now, expiresAt: now.addingTimeInterval(window.seconds)
        )
        do {
            return try await IdempotencyClaim.$current.withValue(claim) {
                try await next(request, context)
            }
        } catch let error where Self.isKeyTaken(error) {
            // A concurrent request with this key committed first: answer as it was answered.
            let remembered = try await repository.remembered(
                clinicId: clinic.clinicId, key: key.rawValue, now: clock.now()
            )
            guard let remembered else { throw APIError.idempotencyKeyInProgress() }
            return try replay(remembered, to: fingerprint, key: key, logger: context.logger)
        }
    }

    /// The kept answer when `fingerprint` is the request it answered; otherwise 422.
    private func replay(
        _ remembered: RememberedResponse, to fingerprint: RequestFingerprint, key: IdempotencyKey, logger: Logger
    ) throws -> Response {
        guard remembered.fingerprint == fingerprint else {
            logger.debug("idempotency key reused with another request", metadata: ["idempotencyKey": "\(key.rawValue)"])
            throw APIError.idempotencyKeyReused()
        }
        logger.debug(
            "idempotent replay",
            metadata: ["idempotencyKey": "\(key.rawValue)", "status": "\(remembered.response.status)"]
        )
        return remembered.response.replayResponse()
    }

    /// Whether `error` is ``IdempotencyKeyTaken``, possibly wrapped by the generated server.
    private static func isKeyTaken(_ error: any Error) -> Bool {
        if error is IdempotencyKeyTaken { return true }
        if let error = error as? ServerError { return error.underlyingError is IdempotencyKeyTaken }
        return false
    }
}
