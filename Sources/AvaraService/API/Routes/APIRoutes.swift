import AvaraCore
import Hummingbird

/// Every operation of openapi.yaml, declared once: which routes exist, how each is reached, and what it runs.
///
/// ``Router/addRoutes(_:authentication:)`` serves them; a test holds them equal to openapi.yaml's operations.
struct APIRoutes: Sendable {
    /// Operations anyone may call: the service's own (`/health`, `/openapi.yaml`).
    let open: [APIRoute<AvaraRequestContext>]
    /// `/v1` operations that authenticate otherwise than with an API key: logins.
    let login: [APIRoute<AvaraRequestContext>]
    /// `/v1` operations of a clinic's API key: they run with a ``ClinicRequestContext``.
    let clinic: [APIRoute<ClinicRequestContext>]

    init(
        service: ServiceEndpoints, login: LoginEndpoint, apiKeys: APIKeysEndpoints, users: [UsersEndpoints],
        events: EventsEndpoints, webhooks: WebhookEndpointsEndpoints
    ) {
        self.open = service.routes
        self.login = login.routes
        self.clinic = users.flatMap(\.routes) + apiKeys.routes + events.routes + webhooks.routes
    }

    /// What the routes declare, to be held against openapi.yaml.
    var operations: [APIOperation] {
        open.map(\.declaration) + login.map(\.declaration) + clinic.map(\.declaration)
    }
}
