import AvaraCore
import HTTPTypes
import Hummingbird

extension IdempotentOutcome {
    /// The API's answer for the outcome, the same bytes the first time and on every replay: a user as `201
    /// Created` with its `Location` (an invite) or `200 OK` (a resend or revoke), as ``success`` says; a taken
    /// email or a created key's kept secret as its problem (as the problems middleware writes it), naming the
    /// request that made the record.
    ///
    /// - Parameters:
    ///   - success: The operation's status when it succeeds.
    ///   - requestId: The id of the request that made the record, which a problem body names.
    ///   - replayed: Whether this answers a retry: then with `Idempotent-Replayed: true`.
    func response(success: HTTPResponse.Status, requestId: String, replayed: Bool) throws -> Response {
        var response: Response
        switch self {
        case .user(let user):
            response = APIJSON.response(success, bytes: try user.apiBody())
            if success == .created { response.headers[.location] = user.location }
        case .emailTaken(let product):
            let problem = APIError(ServiceError.emailTaken(product))
            response = ProblemDetails(problem, requestId: requestId).response(headers: problem.headers)
        case .keyCreated(let key):
            // Not the `201`: its secret is never kept, and a `201` without it would look like success to a client
            // that lost the first answer (a timeout after the commit) while nobody holds the key. A retry learns
            // which key its first attempt made, to revoke it and create another.
            let problem = APIError.apiKeySecretNotKept(key)
            response = ProblemDetails(problem, requestId: requestId).response(headers: problem.headers)
        }
        if replayed { response.headers[.idempotentReplayed] = "true" }
        return response
    }
}
