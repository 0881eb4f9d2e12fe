import AvaraCore
import HTTPTypes

/// The invite endpoints' answers, rendered exactly as they are sent (the `201` by ``APIJSON``, a problem by
/// ``ProblemDetails``), so that the core can keep them under an idempotency key and a replay is byte for byte the
/// first answer.
struct InviteAnswers: IdempotentAnswers {
    /// The request's id, which a kept problem body names.
    let requestId: String

    func created(_ user: UserRecord) throws -> StoredResponse {
        StoredResponse(
            status: HTTPResponse.Status.created.code,
            headers: [
                StoredResponse.Header(name: "Content-Type", value: APIJSON.contentType),
                StoredResponse.Header(name: "Location", value: user.location),
            ],
            body: try user.apiBody()
        )
    }

    func failed(_ error: ServiceError) -> StoredResponse {
        let problem = APIError(error)
        var headers = problem.headers.map { StoredResponse.Header(name: $0.name.rawName, value: $0.value) }
        headers.append(StoredResponse.Header(name: "Content-Type", value: ProblemDetails.contentType))
        return StoredResponse(
            status: problem.status.code,
            headers: headers,
            body: Array(ProblemDetails(problem, requestId: requestId).encoded())
        )
    }
}
