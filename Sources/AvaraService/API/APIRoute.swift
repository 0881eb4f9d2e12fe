import HTTPTypes
import Hummingbird

/// One operation of openapi.yaml as the router serves it: its method, its path as the spec writes it, its
/// `operationId`, and the handler that runs it.
///
/// ```swift
/// APIRoute(.get, "/v1/viewer/users/{userId}", "viewerUsersRetrieve") { request, context in ... }
/// ```
struct APIRoute<Context: RequestContext>: Sendable {
    let method: HTTPRequest.Method
    /// The path template of openapi.yaml, e.g. `/v1/viewer/users/{userId}`.
    let path: String
    let operationId: String
    let handle: @Sendable (Request, Context) async throws -> Response

    init(
        _ method: HTTPRequest.Method, _ path: String, _ operationId: String,
        _ handle: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.handle = handle
    }

    /// ``path`` in the router's syntax.
    var routerPath: RouterPath {
        RouterPath(template: path)
    }

    /// What openapi.yaml declares of this route.
    var declaration: APIOperation {
        APIOperation(method: method.rawValue, path: path, operationId: operationId)
    }
}

/// An operation as openapi.yaml declares it, for holding the routes against the spec.
struct APIOperation: Hashable, Sendable, CustomStringConvertible {
    var method: String
    var path: String
    var operationId: String

    var description: String { "\(method) \(path) (\(operationId))" }
}

extension RouterPath {
    /// The router's path for an OpenAPI path template: `{userId}` becomes the capture `:userId`.
    init(template: String) {
        self.init(
            template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
            }.joined(separator: "/")
        )
    }
}
