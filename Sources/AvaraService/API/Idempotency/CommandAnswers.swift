import AvaraCore
import HTTPTypes

/// The answers of the operations that take `Idempotency-Key` (an invite's `201`, a resend's or revoke's `200`),
/// rendered exactly as they are sent (the user by ``APIJSON``, a problem by ``ProblemDetails``), so that the core
/// can keep them under the key and a replay is byte for byte the first answer.
struct CommandAnswers: IdempotentAnswers {
    /// The request's id, which a kept problem body names.
    let requestId: String
    /// `201 Created` (with `Location`) for an invite, `200 OK` otherwise.
    let success: HTTPResponse.Status

    func succeeded(_ user: UserRecord) throws -> StoredResponse {
        var headers = [StoredResponse.Header(name: "Content-Type", value: APIJSON.contentType)]
        if success == .created {
            headers.append(StoredResponse.Header(name: "Location", value: user.location))
        }
        return StoredResponse(status: success.code, headers: headers, body: try user.apiBody())
    }

    /// Not the `201`: its secret is never kept, and a `201` without it would look like success to a client that
    /// lost the first answer (a timeout after the commit) while nobody holds the key. A retry learns which key its
    /// first attempt made, to revoke it and create another.
    func created(_ key: APIKeyRecord) throws -> StoredResponse {
        kept(.apiKeySecretNotKept(key))
    }

    func failed(_ error: ServiceError) -> StoredResponse {
        kept(APIError(error))
    }

    private func kept(_ problem: APIError) -> StoredResponse {
        var headers = problem.headers.map { StoredResponse.Header(name: $0.name.rawName, value: $0.value) }
        headers.append(StoredResponse.Header(name: "Content-Type", value: ProblemDetails.contentType))
        return StoredResponse(
            status: problem.status.code,
            headers: headers,
            body: Array(ProblemDetails(problem, requestId: requestId).encoded())
        )
    }
}
