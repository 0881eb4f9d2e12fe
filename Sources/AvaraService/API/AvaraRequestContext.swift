import AvaraCore
import Hummingbird
import Logging

/// The per-request context of the service's router.
package struct AvaraRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The id echoed in `X-Request-Id`, problem bodies and logs.
    package var requestId: String = ""
    /// The clinic the API key belongs to, once ``AuthenticationMiddleware`` has run.
    package var clinic: Clinic?
    /// The public id of the request's API key, once ``AuthenticationMiddleware`` has run.
    package var apiKeyId: String?

    /// The IP address of the connection's other end: the client, or a proxy in front of the service.
    package var peerAddress: String?
    /// The client's IP address: the peer's, or the one a trusted proxy forwarded (``ClientAddressMiddleware``).
    package var clientAddress: String?

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.clientAddress = peerAddress
    }

    /// Bodies larger than this are refused with 413.
    package var maxUploadSize: Int { Self.maxBodySize }

    /// The largest body any route reads: 64 KiB.
    package static let maxBodySize = 64 * 1024
}

/// The context of a request authenticated by a clinic's API key: every `/v1` route but the login has one, and
/// cannot run without it.
package struct ClinicRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The id echoed in `X-Request-Id`, problem bodies and logs.
    package var requestId: String
    /// The clinic of the request's API key: all the request may see.
    package var clinic: Clinic
    /// The public id of the request's API key.
    package var apiKeyId: String

    /// - Throws: ``APIError/unauthorized(_:)`` when ``AuthenticationMiddleware`` bound no clinic.
    package init(context: AvaraRequestContext) throws {
        guard let clinic = context.clinic, let apiKeyId = context.apiKeyId else { throw APIError.unauthorized() }
        self.coreContext = context.coreContext
        self.requestId = context.requestId
        self.clinic = clinic
        self.apiKeyId = apiKeyId
    }

    /// Bodies larger than this are refused with 413.
    package var maxUploadSize: Int { AvaraRequestContext.maxBodySize }
}
