import Foundation

/// When and how long the SDK waits before trying a request again.
///
/// A request is retried on connection errors, timeouts, 408, 409, 429 and 5xx, unless the server says
/// otherwise with `x-should-retry: true|false`. The wait grows from ``initialDelay`` by doubling up to
/// ``maxDelay``, less up to 25 % random jitter; a `retry-after-ms` or `Retry-After` header (up to a minute) is
/// used as given instead.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt. `--max-retries` of the other SDKs; default 2.
    public var maxRetries: Int
    /// The wait before the first retry; default 0.5 s.
    public var initialDelay: Duration
    /// The longest wait; default 8 s.
    public var maxDelay: Duration

    /// A policy; a negative `maxRetries` counts as 0.
    public init(maxRetries: Int = 2, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8)) {
        self.maxRetries = max(0, maxRetries)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// Whether an answer with `status` and these headers is worth another attempt.
    static func shouldRetry(_ response: HTTPResponseData) -> Bool {
        switch response.header("x-should-retry")?.lowercased() {
        case "true": return true
        case "false": return false
        default: return [408, 409, 429].contains(response.status) || response.status >= 500
        }
    }

    /// Whether a failure to get an answer is worth another attempt.
    static func shouldRetry(_ error: AvaraError) -> Bool {
        error.kind == .connection || error.kind == .timeout
    }

    /// The wait before retry number `retry` (0 for the first retry).
    ///
    /// - Parameters:
    ///   - response: The answer that is being retried, whose `retry-after-ms` / `Retry-After` win.
    ///   - now: The current time, to read an HTTP-date `Retry-After`.
    ///   - jitter: A number in `0..<1`; the wait is shortened by up to 25 % of it.
    func delay(
        beforeRetry retry: Int, after response: HTTPResponseData?, now: Date = Date(), jitter: Double
    ) -> Duration {
        if let response, let requested = Self.requestedDelay(in: response, now: now) {
            return requested
        }
        let initial = initialDelay / .milliseconds(1)
        let capped = min(initial * pow(2, Double(min(retry, 30))), maxDelay / .milliseconds(1))
        return .milliseconds(capped * (1 - 0.25 * min(max(jitter, 0), 1)))
    }

    /// The server's own wait, when it asks for one between 0 and 60 seconds.
    static func requestedDelay(in response: HTTPResponseData, now: Date) -> Duration? {
        let limit = 60_000.0
        if let text = response.header("retry-after-ms"), let milliseconds = Double(text),
            milliseconds >= 0, milliseconds <= limit
        {
            return .milliseconds(milliseconds)
        }
        guard let text = response.header("Retry-After") else { return nil }
        if let seconds = Double(text), seconds >= 0, seconds * 1000 <= limit {
            return .milliseconds(seconds * 1000)
        }
        if let date = httpDate.date(from: text) {
            let milliseconds = date.timeIntervalSince(now) * 1000
            return milliseconds <= limit ? .milliseconds(max(0, milliseconds)) : nil
        }
        return nil
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110's IMF-fixdate).
    private static let httpDate: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()
}
