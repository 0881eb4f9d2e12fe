import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An HTTP request as the SDK hands it to an ``AvaraTransport``.
public struct HTTPRequestData: Sendable, Equatable {
    /// The HTTP method: `GET`, `POST`, `PATCH` or `DELETE`.
    public var method: String
    /// The whole URL, with the query.
    public var url: URL
    /// Header fields; names as the SDK writes them (`Authorization`, `Idempotency-Key`, ...).
    public var headers: [String: String]
    /// The JSON body, if any.
    public var body: Data?
    /// How long to wait for the answer.
    public var timeout: Duration

    /// A request to send.
    public init(method: String, url: URL, headers: [String: String], body: Data?, timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// An HTTP response as an ``AvaraTransport`` returns it.
public struct HTTPResponseData: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields, as the transport received them.
    public var headers: [String: String]
    /// The body, possibly empty.
    public var body: Data

    /// A response, as a transport returns it.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the header `name`, whatever the case of its name.
    public func header(_ name: String) -> String? {
        if let value = headers[name] { return value }
        let lowered = name.lowercased()
        return headers.first { $0.key.lowercased() == lowered }?.value
    }
}

/// Sends the SDK's HTTP requests. ``URLSessionTransport`` is the default; pass your own to
/// ``AvaraClient/init(apiKey:baseURL:configuration:transport:)`` to use another HTTP stack or to record traffic.
///
/// Throw ``AvaraError`` with kind ``AvaraError/Kind/timeout`` or ``AvaraError/Kind/connection`` for failures
/// that a retry may cure; any other error is treated as a connection failure.
public protocol AvaraTransport: Sendable {
    func send(_ request: HTTPRequestData) async throws -> HTTPResponseData
}

/// The default transport: `URLSession` (FoundationNetworking on Linux).
///
/// On Linux, FoundationNetworking (as of Swift 6.3.1) can crash a process that makes many connections from many
/// threads: it watches libcurl's sockets with dispatch sources and may close a socket its source still watches
/// (swiftlang/swift-corelibs-foundation#4791). A server that calls Avara at high concurrency can pass its own
/// ``AvaraTransport`` over its HTTP stack (AsyncHTTPClient, say) instead.
public struct URLSessionTransport: AvaraTransport {
    private let session: URLSession

    /// - Parameter session: The session to send with; `URLSession.shared` by default.
    public init(session: URLSession = .shared) {
        self.session = session
    }

    /// Sends `request` with the session, failing with ``AvaraError/Kind/timeout`` or ``AvaraError/Kind/connection``
    /// when no answer comes.
    public func send(_ request: HTTPRequestData) async throws -> HTTPResponseData {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        let components = request.timeout.components
        urlRequest.timeoutInterval = Double(components.seconds) + Double(components.attoseconds) / 1e18
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError where error.code == .timedOut {
            throw AvaraError(kind: .timeout, detail: "no answer within \(request.timeout)", underlying: error)
        } catch {
            throw AvaraError(
                kind: .connection, detail: "could not reach \(request.url.host ?? "the server")", underlying: error)
        }
        guard let http = response as? HTTPURLResponse else {
            throw AvaraError(kind: .invalidResponse, detail: "not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return HTTPResponseData(status: http.statusCode, headers: headers, body: data)
    }
}
