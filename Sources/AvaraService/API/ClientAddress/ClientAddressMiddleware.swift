import AvaraCore
import Hummingbird

/// Sets the request context's ``AvaraRequestContext/clientAddress`` with ``ClientAddressResolver``, and what
/// per-address limits count it as (``IPAddress/counted``: an IPv6 client's /64).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AvaraRequestContext
    let resolver: ClientAddressResolver

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let address = resolver.clientAddress(peer: context.peerAddress, headers: request.headers)
        context.clientAddress = address
        // An IPv4 address counts as itself: only IPv6 addresses are parsed, on every request's path.
        context.countedClientAddress = address.map { $0.contains(":") ? IPAddress($0)?.counted ?? $0 : $0 } ?? "unknown"
        return try await next(request, context)
    }
}
