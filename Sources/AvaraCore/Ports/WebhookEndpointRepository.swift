import Foundation

/// A clinic's webhook endpoints, their sealed secrets and their deliveries.
package protocol WebhookEndpointRepository: Sendable {
    /// Stores a new endpoint with its sealed secret and `event`, in one transaction.
    func create(_ endpoint: WebhookEndpoint, sealedSecret: String, event: DomainEvent) async throws

    /// The clinic's endpoints, oldest first.
    func endpoints(clinicId: String) async throws -> [WebhookEndpoint]

    func endpoint(id: String, clinicId: String) async throws -> WebhookEndpoint?

    /// Replaces the endpoint with what `change` makes of it (its subscriptions too), with `audit`'s event, in one
    /// transaction. A new secret, when `sealedSecret` is given, takes over and the current one keeps signing until
    /// `previousSecretExpiresAt`.
    ///
    /// - Returns: The endpoint as stored afterwards; `nil` when the clinic has no such endpoint.
    func update(
        id: String, clinicId: String, sealedSecret: String?, previousSecretExpiresAt: Date?,
        audit: AuditedChange<WebhookEndpoint>,
        _ change: @escaping @Sendable (WebhookEndpoint) throws -> WebhookEndpoint
    ) async throws -> WebhookEndpoint?

    /// Removes the endpoint, its subscriptions and its queued deliveries, with `audit`'s event.
    ///
    /// - Returns: `false` when the clinic has no such endpoint.
    func delete(id: String, clinicId: String, audit: AuditedChange<WebhookEndpoint>) async throws -> Bool

    /// The endpoint's latest deliveries, newest first.
    func deliveries(endpointId: String, clinicId: String, limit: Int) async throws -> [WebhookDelivery]

    /// Queues the delivery of the clinic's event `eventId` to the endpoint again, due at `now` (a new delivery when
    /// there was none, for an event older than the endpoint or of a type it does not take).
    ///
    /// - Returns: `false` when the clinic has no such endpoint or event.
    func redeliver(endpointId: String, eventId: String, clinicId: String, now: Date) async throws -> Bool
}
