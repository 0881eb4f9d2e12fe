import Foundation

extension AvaraClient {
    /// How a client talks to the API. Every key has a default; change only what you need.
    ///
    /// ```swift
    /// var configuration = AvaraClient.Configuration()
    /// configuration.timeout = .seconds(10)
    /// configuration.retry.maxRetries = 4
    /// let client = AvaraClient(apiKey: key, configuration: configuration)
    /// ```
    public struct Configuration: Sendable, Equatable {
        /// How long one attempt may take; default 60 s.
        public var timeout: Duration
        /// When to retry and how long to wait; 2 retries by default.
        public var retry: RetryPolicy
        /// Headers sent with every request, e.g. for a proxy.
        public var additionalHeaders: [String: String]

        /// A configuration: a 60-second limit per attempt, 2 retries, no extra headers.
        public init(
            timeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy(),
            additionalHeaders: [String: String] = [:]
        ) {
            self.timeout = timeout
            self.retry = retry
            self.additionalHeaders = additionalHeaders
        }
    }
}

/// Settings for one call, over the client's ``AvaraClient/Configuration``.
///
/// ```swift
/// let user = try await client.viewer.users.invite(params, options: .init(timeout: .seconds(5), maxRetries: 0))
/// ```
public struct RequestOptions: Sendable, Equatable {
    /// How long each attempt of this call may take; the client's timeout when `nil`.
    public var timeout: Duration?
    /// Retries for this call; the client's when `nil`.
    public var maxRetries: Int?
    /// Extra headers for this call; they win over the client's.
    public var additionalHeaders: [String: String]
    /// The `Idempotency-Key` of this call. By default each call makes a new one and reuses it on every retry,
    /// so a retried invite never creates a second user. Set it to make a call safe to repeat yourself, e.g.
    /// after a crash (the same key and body within 24 hours replays the first answer).
    public var idempotencyKey: String?

    /// Options for one call; `nil` keeps the client's configuration.
    public init(
        timeout: Duration? = nil, maxRetries: Int? = nil, additionalHeaders: [String: String] = [:],
        idempotencyKey: String? = nil
    ) {
        self.timeout = timeout
        self.maxRetries = maxRetries
        self.additionalHeaders = additionalHeaders
        self.idempotencyKey = idempotencyKey
    }
}
