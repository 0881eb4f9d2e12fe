import Foundation

/// Sends one API call: builds the request, retries what may be retried, decodes the answer or the problem.
struct Requester: Sendable {
    let apiKey: String
    let baseURL: URL
    let configuration: AvaraClient.Configuration
    let transport: any AvaraTransport
    /// Waits between attempts; tests replace it.
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// A number in `0..<1` for the backoff jitter.
    var jitter: @Sendable () -> Double = { Double.random(in: 0..<1) }

    static let userAgent = "avara-swift/\(AvaraVersion.current)"

    /// `POST path` with `body` as JSON, decoding a 2xx answer as `Response`.
    ///
    /// The call gets one `Idempotency-Key` (the caller's, or a new one), sent unchanged on every attempt.
    func post<Response: Decodable>(
        _ path: String, body: some Encodable, options: RequestOptions
    ) async throws -> Response {
        try await post(path, data: try encode(body), options: options)
    }

    /// `PATCH path` with `body` as JSON, decoding a 2xx answer as `Response`. An update sets the same values
    /// however often it arrives, so it is retried without an `Idempotency-Key`.
    func patch<Response: Decodable>(
        _ path: String, body: some Encodable, options: RequestOptions
    ) async throws -> Response {
        let headers = ["Content-Type": "application/json"]
        return try decode(
            try await send(method: "PATCH", path: path, body: try encode(body), options: options, headers: headers))
    }

    /// `body` as the API's JSON.
    private func encode(_ body: some Encodable) throws -> Data {
        do {
            return try WireFormat.encoder().encode(body)
        } catch {
            throw AvaraError(kind: .badRequest, detail: "the request body cannot be encoded: \(error)")
        }
    }

    /// A 2xx answer's body as `Response`.
    private func decode<Response: Decodable>(_ response: HTTPResponseData) throws -> Response {
        do {
            return try WireFormat.decoder().decode(Response.self, from: response.body)
        } catch {
            throw AvaraError(
                kind: .invalidResponse, status: response.status,
                detail: "the answer cannot be read as \(Response.self): \(error)",
                requestId: response.header("X-Request-Id"), underlying: error
            )
        }
    }

    /// `POST path` without a body (an action such as a resend), decoding a 2xx answer as `Response`.
    func post<Response: Decodable>(_ path: String, options: RequestOptions) async throws -> Response {
        try await post(path, data: nil, options: options)
    }

    /// `POST path` without a body (an action such as a retry), expecting a 2xx answer whose body, if any, is not read.
    func post(_ path: String, options: RequestOptions) async throws {
        _ = try await send(
            method: "POST", path: path, body: nil, options: options, headers: postHeaders(data: nil, options))
    }

    /// `POST path` with `data` as its JSON body, if any, under one `Idempotency-Key` for every attempt.
    private func post<Response: Decodable>(
        _ path: String, data: Data?, options: RequestOptions
    ) async throws -> Response {
        let headers = postHeaders(data: data, options)
        return try decode(try await send(method: "POST", path: path, body: data, options: options, headers: headers))
    }

    /// The headers of a `POST`: one `Idempotency-Key` for every attempt, and the content type of a body.
    private func postHeaders(data: Data?, _ options: RequestOptions) -> [String: String] {
        var headers = ["Idempotency-Key": options.idempotencyKey ?? "avara-\(UUID().uuidString.lowercased())"]
        if data != nil { headers["Content-Type"] = "application/json" }
        return headers
    }

    /// `GET path`, decoding a 2xx answer as `Response`.
    func get<Response: Decodable>(_ path: String, options: RequestOptions) async throws -> Response {
        try decode(try await send(method: "GET", path: path, body: nil, options: options, headers: [:]))
    }

    /// `DELETE path`, expecting no body.
    func delete(_ path: String, options: RequestOptions) async throws {
        _ = try await send(method: "DELETE", path: path, body: nil, options: options, headers: [:])
    }

    /// Sends until a success, an answer not worth retrying, or the retries are used up.
    private func send(
        method: String, path: String, body: Data?, options: RequestOptions, headers: [String: String]
    ) async throws -> HTTPResponseData {
        let maxRetries = max(0, options.maxRetries ?? configuration.retry.maxRetries)
        var request = HTTPRequestData(
            method: method, url: url(for: path), headers: [:], body: body,
            timeout: options.timeout ?? configuration.timeout
        )
        var retry = 0
        while true {
            request.headers = requestHeaders(headers, options: options, retryCount: retry)
            let outcome: Result<HTTPResponseData, AvaraError>
            do {
                outcome = .success(try await transport.send(request))
            } catch let error as AvaraError {
                outcome = .failure(error)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome = .failure(AvaraError(kind: .connection, detail: "\(error)", underlying: error))
            }
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                return response
            case .success(let response):
                guard retry < maxRetries, RetryPolicy.shouldRetry(response) else {
                    throw AvaraError.fromResponse(response)
                }
                try await sleep(configuration.retry.delay(beforeRetry: retry, after: response, jitter: jitter()))
            case .failure(let error):
                guard retry < maxRetries, RetryPolicy.shouldRetry(error) else { throw error }
                try await sleep(configuration.retry.delay(beforeRetry: retry, after: nil, jitter: jitter()))
            }
            retry += 1
        }
    }

    private func requestHeaders(
        _ headers: [String: String], options: RequestOptions, retryCount: Int
    ) -> [String: String] {
        var result = [
            "Authorization": "Bearer \(apiKey)",
            "Accept": "application/json",
            "User-Agent": Self.userAgent,
            "X-Avara-Retry-Count": String(retryCount),
        ]
        result.merge(headers) { $1 }
        result.merge(configuration.additionalHeaders) { $1 }
        result.merge(options.additionalHeaders) { $1 }
        return result
    }

    private func url(for path: String) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + path)!
    }
}

/// `value` made safe as one segment of a URL path.
func pathSegment(_ value: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove("/")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
}

/// The SDK's version, sent in `User-Agent`.
public enum AvaraVersion {
    /// This version, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
