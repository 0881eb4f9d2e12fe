import AvaraCore
import Hummingbird
import Logging

/// The per-request context of the service's router.
package struct AvaraRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The id echoed in `X-Request-Id`, problem bodies and logs.
    package var requestId: String = ""
    /// The request's API key with its clinic, once ``AuthenticationMiddleware`` has verified it.
    package var verifiedKey: VerifiedKey?

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
    /// The request's API key, with its clinic: all the request may see.
    package var key: VerifiedKey
    /// The client's IP address (``AvaraRequestContext/clientAddress``).
    package var clientAddress: String?

    /// - Throws: ``APIError/unauthorized(_:)`` when ``AuthenticationMiddleware`` bound no key.
    package init(context: AvaraRequestContext) throws {
        guard let key = context.verifiedKey else { throw APIError.unauthorized() }
        self.coreContext = context.coreContext
        self.requestId = context.requestId
        self.key = key
        self.clientAddress = context.clientAddress
    }

    /// The clinic of the request's API key.
    package var clinic: Clinic { key.clinic }

    /// What the core's commands are told of the request: the key acts through the API, in its clinic.
    package var commandContext: CommandContext { commandContext(through: .api) }

    /// What the core's commands are told of the request when the key acts through `surface` (SCIM's bearer token).
    package func commandContext(through surface: CommandContext.Surface) -> CommandContext {
        CommandContext(
            clinic: key.clinic, actor: key.actor, surface: surface, requestId: requestId, clientAddress: clientAddress
        )
    }

    /// Bodies larger than this are refused with 413.
    package var maxUploadSize: Int { AvaraRequestContext.maxBodySize }
}
