import Hummingbird
import Logging

/// The per-request context of the service's router.
package struct AvaraRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The id echoed in `X-Request-Id`, problem bodies and logs.
    package var requestId: String = ""
    /// The clinic the API key belongs to, once ``AuthenticationMiddleware`` has run.
    package var clinic: Clinic?

    /// The client's IP address, when the connection has one.
    package var clientAddress: String?

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies larger than this are refused with 413.
    package var maxUploadSize: Int { 64 * 1024 }
}

/// What the current request is allowed to see: its clinic. Bound as a task local around the generated
/// OpenAPI handlers, which do not receive the router's context.
package struct RequestScope: Sendable {
    package var requestId: String
    package var clinic: Clinic

    @TaskLocal package static var current: RequestScope?

    /// The current scope; a request that reached an authenticated handler always has one.
    package static func required() throws -> RequestScope {
        guard let current else { throw APIError.unauthorized() }
        return current
    }
}
