import Foundation

/// The one error type of the SDK: what the API answered, or why it could not be reached.
///
/// Tell kinds apart with ``kind``; new kinds may be added in later versions without breaking your code, so
/// compare rather than switch exhaustively:
///
/// ```swift
/// do {
///     _ = try await client.viewer.users.invite(params)
/// } catch let error as AvaraError where error.kind == .unprocessableEntity {
///     for field in error.fieldErrors { print(field.field, field.message) }
/// } catch let error as AvaraError where error.kind == .conflict {
///     print("already invited (request \(error.requestId ?? "-"))")
/// }
/// ```
public struct AvaraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String {
            case badRequest, authentication, permissionDenied, notFound, conflict, unprocessableEntity
            case rateLimited, server, unexpectedStatus, connection, timeout, invalidResponse, configuration
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// 400: the request was malformed.
        public static let badRequest = Kind(.badRequest)
        /// 401: the API key is missing, unknown or revoked.
        public static let authentication = Kind(.authentication)
        /// 403: the key may not do this.
        public static let permissionDenied = Kind(.permissionDenied)
        /// 404: no such resource (or not in the key's clinic).
        public static let notFound = Kind(.notFound)
        /// 409: the request conflicts with existing data, e.g. an email already invited.
        public static let conflict = Kind(.conflict)
        /// 422: the body breaks rules; see ``AvaraError/fieldErrors``.
        public static let unprocessableEntity = Kind(.unprocessableEntity)
        /// 429: too many requests.
        public static let rateLimited = Kind(.rateLimited)
        /// 500 and above: the server failed.
        public static let server = Kind(.server)
        /// Any other status that is not a success.
        public static let unexpectedStatus = Kind(.unexpectedStatus)
        /// The server could not be reached or the connection broke.
        public static let connection = Kind(.connection)
        /// No answer within the timeout.
        public static let timeout = Kind(.timeout)
        /// The server answered something this SDK cannot read.
        public static let invalidResponse = Kind(.invalidResponse)
        /// The client is not configured, e.g. no API key.
        public static let configuration = Kind(.configuration)

        /// The kind for an HTTP status that is not a success.
        static func forStatus(_ status: Int) -> Kind {
            switch status {
            case 400: .badRequest
            case 401: .authentication
            case 403: .permissionDenied
            case 404: .notFound
            case 409: .conflict
            case 422: .unprocessableEntity
            case 429: .rateLimited
            case 500...: .server
            default: .unexpectedStatus
            }
        }

        /// The kind's name, e.g. `unprocessableEntity`.
        public var description: String { code.rawValue }
    }

    /// One broken rule of a 422 answer.
    public struct FieldError: Codable, Equatable, Sendable {
        /// The field's name in the API (camelCase), e.g. `npiNumber`.
        public var field: String
        /// What is wrong with it.
        public var message: String

        /// A broken rule: the field and what is wrong with it.
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// What went wrong, to decide what to do: retry, fix the request, or report.
    public var kind: Kind
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// The problem's short title, e.g. `Invalid request body`.
    public var title: String?
    /// The problem's explanation.
    public var detail: String?
    /// Every broken rule, for 422 (and the email of a 409).
    public var fieldErrors: [FieldError]
    /// The server's request id (`X-Request-Id`): quote it when reporting a problem.
    public var requestId: String?
    /// The underlying error for connection failures and timeouts.
    public var underlying: (any Error)?

    init(
        kind: Kind, status: Int? = nil, title: String? = nil, detail: String? = nil,
        fieldErrors: [FieldError] = [], requestId: String? = nil, underlying: (any Error)? = nil
    ) {
        self.kind = kind
        self.status = status
        self.title = title
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.requestId = requestId
        self.underlying = underlying
    }

    /// An error for a custom ``AvaraTransport`` to throw when it gets no answer: kind ``Kind/timeout`` or
    /// ``Kind/connection`` (both are retried).
    public init(transportFailure kind: Kind, detail: String? = nil, underlying: (any Error)? = nil) {
        self.init(kind: kind, detail: detail, underlying: underlying)
    }

    /// Equal when everything but ``underlying`` is equal.
    public static func == (lhs: AvaraError, rhs: AvaraError) -> Bool {
        lhs.kind == rhs.kind && lhs.status == rhs.status && lhs.title == rhs.title && lhs.detail == rhs.detail
            && lhs.fieldErrors == rhs.fieldErrors && lhs.requestId == rhs.requestId
    }

    /// For example `AvaraError.unprocessableEntity (422 Invalid request body): npiNumber: must be exactly 10 digits`.
    public var description: String {
        var text = "AvaraError.\(kind)"
        if let status {
            text += " (\(status)\(title.map { " \($0)" } ?? ""))"
        }
        if !fieldErrors.isEmpty {
            text += ": " + fieldErrors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        } else if let detail {
            text += ": \(detail)"
        } else if let underlying {
            text += ": \(underlying)"
        }
        if let requestId {
            text += " [request \(requestId)]"
        }
        return text
    }
}

extension AvaraError {
    /// The error for a non-success answer, from its problem body when it has one.
    static func fromResponse(_ response: HTTPResponseData) -> AvaraError {
        let problem = try? JSONDecoder().decode(ProblemBody.self, from: response.body)
        return AvaraError(
            kind: .forStatus(response.status), status: response.status, title: problem?.title,
            detail: problem?.detail, fieldErrors: problem?.errors ?? [],
            requestId: problem?.requestId ?? response.header("X-Request-Id")
        )
    }

    /// An RFC 9457 problem as the API sends it.
    private struct ProblemBody: Decodable {
        var title: String?
        var detail: String?
        var requestId: String?
        var errors: [FieldError]?
    }
}
