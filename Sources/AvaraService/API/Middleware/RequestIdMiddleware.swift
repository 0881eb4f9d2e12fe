import AvaraCore
import Hummingbird
import Logging

/// Gives every request an id and every response an `X-Request-Id` header.
///
/// A caller's own `X-Request-Id` is kept when it is short and plain (letters, digits, `-`, `_`, `.`), so a
/// request can be followed across systems; otherwise the service makes one.
package struct RequestIdMiddleware: RouterMiddleware {
    package typealias Context = AvaraRequestContext
    private let random: any RandomSource

    package init(random: any RandomSource) {
        self.random = random
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestId = request.headers[.requestId].flatMap(Self.acceptable) ?? "req_\(random.hex(12))"
        context.requestId = requestId
        context.logger[metadataKey: "requestId"] = .string(requestId)
        var response = try await next(request, context)
        response.headers[.requestId] = requestId
        return response
    }

    private static func acceptable(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                    || byte == 0x2d || byte == 0x5f || byte == 0x2e
            })
        else { return nil }
        return value
    }
}
