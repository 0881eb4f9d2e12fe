import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// Registers the generated operations on the router: `/v1` operations behind the API middleware (authentication,
/// JSON body, validation), the others (`/health`, `/openapi.yaml`) public.
///
/// It also remembers every path with its methods, so that the router can answer other methods on a known path
/// with 405 and an `Allow` header instead of 404.
final class RoutingTransport: ServerTransport {
    private let api: RouterGroup<AvaraRequestContext>
    private let publicAPI: RouterGroup<AvaraRequestContext>
    private let open: Router<AvaraRequestContext>
    private(set) var methodsByPath: [String: [HTTPRequest.Method]] = [:]

    /// - Parameters:
    ///   - api: For `/v1` operations that need an API key.
    ///   - publicAPI: For `/v1/auth/` operations, which authenticate otherwise.
    init(router: Router<AvaraRequestContext>, api: RouterGroup<AvaraRequestContext>, publicAPI: RouterGroup<AvaraRequestContext>) {
        self.open = router
        self.api = api
        self.publicAPI = publicAPI
    }

    func register(
        _ handler: @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        let handler = Self.withPlainLocation(handler)
        if path.hasPrefix("/v1/auth/") {
            publicAPI.register(handler, method: method, path: path)
        } else if path.hasPrefix("/v1/") {
            api.register(handler, method: method, path: path)
        } else {
            open.register(handler, method: method, path: path)
        }
        methodsByPath[path, default: []].append(method)
    }

    /// The runtime writes header values URI-encoded (OpenAPI's `simple` style), which turns the path in
    /// `Location` into `%2Fv1%2F…`; HTTP wants the URI reference itself.
    private static func withPlainLocation(
        _ handler: @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) -> @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?) {
        { request, body, metadata in
            var (response, responseBody) = try await handler(request, body, metadata)
            if let location = response.headerFields[.location], let plain = percentDecoded(location) {
                response.headerFields[.location] = plain
            }
            return (response, responseBody)
        }
    }

    /// Answers 405 for the methods a registered path does not support.
    func registerMethodNotAllowed() {
        let candidates: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for (path, methods) in methodsByPath {
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            for method in candidates where !methods.contains(method) {
                open.on(RouterPath(path), method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: allow])
                }
            }
        }
    }
}
