import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Makes a route honour `Idempotency-Key`: a retry of a request gets the first answer again, never a second user
/// or a second email.
///
/// For a request with the header:
/// - a key that is not 1 to 255 visible ASCII characters, or a header sent twice, answers 400;
/// - a key the clinic used in the last 24 hours (``window``) for the same route and body replays that answer
///   with `Idempotent-Replayed: true`; for another route or body it answers 422;
/// - a fresh key becomes the claim the operation passes to the core, which stores the key with the command's
///   outcome in the operation's own transaction; the operation answers by rendering that outcome
///   (``IdempotentOutcome/response(success:requestId:replayed:)``), as every replay does. When a concurrent request
///   with the same key committed first, this one answers with that request's outcome.
///
/// Requests without the header run as they are. Keys and bodies are never logged above debug level.
struct IdempotentRequests: Sendable {
    let repository: any IdempotencyRepository
    let clock: any ServiceClock
    /// How long an answer is kept and replayed.
    var window: Duration = .seconds(24 * 60 * 60)

    /// Runs `operation` with the request's claim on its key (`nil` without one), or replays the key's answer.
    ///
    /// - Parameters:
    ///   - route: The route's path as openapi.yaml writes it, whatever spelling the request used: part of what
    ///     makes two requests the same.
    ///   - body: The request body, byte for byte.
    ///   - success: The operation's status when it succeeds, which the kept answer has.
    func run(
        _ request: Request, context: ClinicRequestContext, route: String, body: ByteBuffer,
        success: HTTPResponse.Status, _ operation: (IdempotencyClaim?) async throws -> Response
    ) async throws -> Response {
        let values = request.headers[values: .idempotencyKey]
        guard !values.isEmpty else { return try await operation(nil) }
        guard values.count == 1, let key = IdempotencyKey(values[0]) else { throw APIError.invalidIdempotencyKey() }
        let clinicId = context.clinic.clinicId
        let fingerprint = RequestFingerprint(path: route, body: body.readableBytesView)
        let now = clock.now()
        if let remembered = try await repository.remembered(clinicId: clinicId, key: key.rawValue, now: now) {
            return try replay(remembered, to: fingerprint, key: key, success: success, logger: context.logger)
        }
        let claim = IdempotencyClaim(
            clinicId: clinicId, key: key, fingerprint: fingerprint, createdAt: now,
            expiresAt: now.addingTimeInterval(window.seconds), requestId: context.requestId
        )
        do {
            return try await operation(claim)
        } catch ServiceError.idempotencyKeyTaken {
            // A concurrent request with this key committed first: answer as it was answered.
            let remembered = try await repository.remembered(clinicId: clinicId, key: key.rawValue, now: clock.now())
            guard let remembered else { throw APIError.idempotencyKeyInProgress() }
            return try replay(remembered, to: fingerprint, key: key, success: success, logger: context.logger)
        }
    }

    /// The kept outcome's answer when `fingerprint` is the request it answered; otherwise 422.
    private func replay(
        _ remembered: RememberedOutcome, to fingerprint: RequestFingerprint, key: IdempotencyKey,
        success: HTTPResponse.Status, logger: Logger
    ) throws -> Response {
        guard remembered.fingerprint == fingerprint else {
            logger.debug("idempotency key reused with another request", metadata: ["idempotencyKey": "\(key.rawValue)"])
            throw APIError.idempotencyKeyReused()
        }
        let response = try remembered.outcome.response(
            success: success, requestId: remembered.requestId, replayed: true
        )
        logger.debug(
            "idempotent replay", metadata: ["idempotencyKey": "\(key.rawValue)", "status": "\(response.status.code)"]
        )
        return response
    }
}
