import AvaraCore
import Hummingbird

/// Sets the request context's ``AvaraRequestContext/clientAddress`` with ``ClientAddressResolver``.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AvaraRequestContext
    let resolver: ClientAddressResolver

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.clientAddress = resolver.clientAddress(peer: context.peerAddress, headers: request.headers)
        return try await next(request, context)
    }
}
