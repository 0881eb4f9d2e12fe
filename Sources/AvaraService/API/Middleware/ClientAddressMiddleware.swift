import Hummingbird

/// The address of the client of the current request, for per-address limits in handlers the generated code calls
/// without the router's context.
package enum ClientAddress {
    @TaskLocal package static var current: String?
}

/// Binds ``ClientAddress/current`` to the connection's remote address.
package struct ClientAddressMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await ClientAddress.$current.withValue(context.clientAddress) {
            try await next(request, context)
        }
    }
}
