import Hummingbird
import Logging
import OpenAPIRuntime
import ServiceLifecycle

/// Builds the router of the whole API over `environment`. Tests call this too.
///
/// Requests flow one way: ``RequestIdMiddleware`` → ``ProblemMiddleware`` → (for `/v1`)
/// ``AuthenticationMiddleware`` → ``JSONBodyMiddleware`` → ``IdempotencyMiddleware`` →
/// ``UserBodyValidationMiddleware`` → the generated handler (``AvaraAPI``) → ``InvitationService`` → repository and
/// outbox.
package func buildRouter(environment: ServiceEnvironment) throws -> Router<AvaraRequestContext> {
    let router = Router(context: AvaraRequestContext.self)
    router.add(middleware: RequestIdMiddleware(random: environment.random))
    router.add(middleware: ProblemMiddleware())
    let api = router.group()
        .add(middleware: AuthenticationMiddleware(
            clinics: environment.clinics, cache: AuthenticatedKeyCache(clock: environment.clock)
        ))
        .add(middleware: JSONBodyMiddleware())
        .add(middleware: IdempotencyMiddleware(
            repository: environment.idempotencyRepository(), clock: environment.clock, products: Product.allCases
        ))
        .add(middleware: UserBodyValidationMiddleware(rules: ProductRules.all))
    // Logins carry no API key: they get the JSON checks and the client's address, not the key check.
    let publicAPI = router.group()
        .add(middleware: ClientAddressMiddleware())
        .add(middleware: JSONBodyMiddleware())
    let transport = RoutingTransport(router: router, api: api, publicAPI: publicAPI)
    let handlers = AvaraAPI(
        invitations: environment.invitationService(),
        logins: environment.loginService(throttle: LoginThrottle(store: environment.store, clock: environment.clock)),
        users: UserDirectoryService(
            directory: SQLUserDirectory(store: environment.store), clock: environment.clock, logger: environment.logger
        ),
        store: environment.store
    )
    try handlers.registerHandlers(on: transport, configuration: AvaraAPI.configuration)
    transport.registerMethodNotAllowed()
    InvitationRoutes(acceptance: environment.invitationAcceptance()).add(to: router)
    return router
}

/// Builds the application `avara serve` runs: the HTTP server, the outbox delivery service, the purge of expired
/// idempotency keys and, last to stop, the database.
///
/// - Parameter onServerRunning: called once the server listens, with the port it is bound to (the configured
///   one, or the one the system chose for port 0).
package func buildApplication(
    environment: ServiceEnvironment,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let configuration = environment.configuration
    return Application(
        router: try buildRouter(environment: environment),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "avara"),
        services: [
            DatabaseShutdownService(store: environment.store), environment.outboxDispatcher(),
            environment.idempotencyPurger(),
        ],
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
