import AvaraCore
import AvaraMail
import AvaraStorage
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the router of the whole service over `environment`. Tests call this too.
///
/// Requests flow one way: ``RequestIdMiddleware`` → ``ProblemMiddleware`` → the route (declared once in
/// ``APIRoutes``: for a clinic's operations ``AuthenticationMiddleware`` → ``RateLimitMiddleware`` →
/// ``JSONBodyMiddleware`` → the handler,
/// which reads the body once) → the core's services → repositories and outbox.
package func buildRouter(environment: ServiceEnvironment) throws -> Router<AvaraRequestContext> {
    let router = Router(context: AvaraRequestContext.self)
    if environment.configuration.metricsPort != nil {
        // Outermost, so that it sees every answer's final status (problems included) and whole latency.
        _ = MetricsExport.registry
        router.add(middleware: MetricsMiddleware())
    }
    router.add(middleware: RequestIdMiddleware(random: environment.random))
    router.add(middleware: ProblemMiddleware())
    router.add(
        middleware: ClientAddressMiddleware(
            resolver: ClientAddressResolver(
                trustedProxies: environment.configuration.trustedProxies,
                header: environment.configuration.forwardedHeader
            )
        ))
    let authentication = AuthenticationMiddleware(
        keys: environment.services.apiKeys, unverifiedRequests: environment.unverifiedRequestLimit()
    )
    // One set of buckets for both surfaces a key reaches: the REST API and SCIM.
    let rateLimit = environment.rateLimit()
    router.addRoutes(environment.apiRoutes(), authentication: authentication, rateLimit: rateLimit)
    InvitationRoutes(acceptance: environment.services.acceptance).add(to: router)
    DashboardRoutes(
        services: environment.services,
        sessions: DashboardSessions(logins: environment.services.logins, links: environment.links),
        pages: try DashboardPages.load(), random: environment.random
    ).add(to: router)
    SCIMRoutes(
        services: environment.services, links: environment.links, authentication: authentication,
        rateLimit: rateLimit.map { limit in
            var scim = limit
            scim.rendersErrors = false
            return scim
        }
    ).add(to: router)
    return router
}

extension ServiceEnvironment {
    /// The `/metrics` listener, when `--metrics-port` asks for one.
    func metricsListener() -> [any Service] {
        guard let port = configuration.metricsPort else { return [] }
        return [
            MetricsListener(
                registry: MetricsExport.registry, host: configuration.metricsHost, port: port,
                limits: configuration.connections,
                outbox: SQLOutboxRepository(store: store), clock: clock, logger: logger
            )
        ]
    }

    /// The per-key and per-clinic rate limits of the configuration; `nil` when both are off. A clinic's key
    /// buckets are bounded by its live keys (``APIKeyService/liveKeyLimit``), with room for keys revoked lately.
    func rateLimit() -> RateLimitMiddleware? {
        RateLimitMiddleware(
            perKey: configuration.rateLimit > 0
                ? TokenBuckets(
                    rate: configuration.rateLimit, burst: configuration.rateLimitBurst,
                    capacityPerGroup: 2 * APIKeyService.liveKeyLimit, clock: clock
                ) : nil,
            perClinic: configuration.clinicRateLimit > 0
                ? TokenBuckets(
                    rate: configuration.clinicRateLimit, burst: 2 * configuration.clinicRateLimit, clock: clock)
                : nil
        )
    }

    /// The per-address limit of requests that have no API key verified lately; `nil` when it is off.
    func unverifiedRequestLimit() -> TokenBuckets? {
        let rate = configuration.unauthenticatedRateLimit
        return rate > 0 ? TokenBuckets(rate: rate, burst: 5 * rate, clock: clock) : nil
    }

    /// Every operation of the API over this environment, declared once (see ``APIRoutes``).
    func apiRoutes() -> APIRoutes {
        let idempotency = IdempotentRequests(repository: idempotencyRepository(), clock: clock)
        return APIRoutes(
            service: ServiceEndpoints(
                database: CachedDatabaseHealth(probing: SQLDatabaseHealth(store: store), clock: clock)),
            login: LoginEndpoint(logins: services.logins),
            apiKeys: APIKeysEndpoints(keys: services.apiKeys, idempotency: idempotency),
            users: Product.allCases.map { product in
                UsersEndpoints(
                    product: product, invitations: services.invitations, users: services.users,
                    idempotency: idempotency,
                    clinicRoles: Set(RuleBook.standard[product].allowedRoles)
                )
            },
            events: EventsEndpoints(events: services.events),
            webhooks: WebhookEndpointsEndpoints(webhooks: services.webhooks)
        )
    }
}

/// Builds the application `avara serve` runs: the HTTP server, the outbox delivery service, the purge of what is
/// kept only for a while (see ``Purger``) and, last to stop, the database.
///
/// - Parameter onServerRunning: called once the server listens, with the port it is bound to (the configured
///   one, or the one the system chose for port 0).
package func buildApplication(
    environment: ServiceEnvironment,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let configuration = environment.configuration
    let limits = configuration.connections
    return Application(
        router: try buildRouter(environment: environment),
        server: .guarded(limits),
        configuration: .guarded(host: configuration.host, port: configuration.port, limits, logger: environment.logger),
        services: [
            DatabaseShutdownService(store: environment.store), environment.outboxDispatcher(), environment.purger(),
        ] + environment.metricsListener(),
        onServerRunning: { [links = environment.links] channel in
            let port = channel.localAddress?.port ?? configuration.port
            links.bind(port: port, host: configuration.host)
            await onServerRunning(port)
        },
        logger: environment.logger
    )
}

/// Closes the database once everything started after it has stopped: the SQLite connections, or PostgreSQL's
/// connection pool (whose `PostgresClient.run()` the store runs from its opening until this close, so that
/// migrations and the first clinic happen before the application's services start).
struct DatabaseShutdownService: Service {
    let store: any DatabaseStore

    func run() async throws {
        try? await gracefulShutdown()
        try await store.close()
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with the header, body and idle timeouts of `limits`, and responses cut when the client stops
    /// reading (see ``GuardedHTTP1Channel``): the API's listener and the metrics listener alike.
    static func guarded(_ limits: ConnectionLimits) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTP1Channel(
                responder: responder, configuration: .init(idleTimeout: TimeAmount(limits.idleTimeout)), limits: limits
            )
        }
    }
}

extension ApplicationConfiguration {
    /// A listener on `host`:`port` taking at most `limits.maxConnections` connections at once.
    static func guarded(host: String, port: Int, _ limits: ConnectionLimits, logger: Logger) -> ApplicationConfiguration
    {
        ApplicationConfiguration(
            address: .hostname(host, port: port), serverName: "avara",
            availableConnectionsDelegate: .maximum(limits.maxConnections, logger: logger)
        )
    }
}
