import Foundation
import Logging

/// A clinic's webhook endpoints: created with a URL, the event types wanted and a description; listed, changed,
/// removed; their secret rotated (the old one signs along for 24 hours); their deliveries listed and retried.
///
/// ```swift
/// let created = try await webhooks.create(
///     fields: ["url": "https://pacs.example.org/avara", "eventTypes": ["user.invited"]], context: context)
/// print(created.secret)   // whsec_…, shown once
/// ```
package struct WebhookService: Sendable {
    /// A new endpoint, or one whose secret was rotated: with its secret, which exists only here.
    package struct WithSecret: Sendable, Equatable {
        package var endpoint: WebhookEndpoint
        package var secret: String
    }

    /// How long a rotated-out secret keeps signing deliveries beside the new one.
    package static let rotationOverlap: TimeInterval = 24 * 3600

    private let repository: any WebhookEndpointRepository
    private let urlRule: WebhookURLRule
    /// `nil` when the service has no secret key: then no endpoint can be made.
    private let box: SecretBox?
    private let clock: any ServiceClock
    private let random: any RandomSource
    private let logger: Logger

    package init(
        repository: any WebhookEndpointRepository, urlRule: WebhookURLRule, box: SecretBox?, clock: any ServiceClock,
        random: any RandomSource, logger: Logger
    ) {
        self.repository = repository
        self.urlRule = urlRule
        self.box = box
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Creates an endpoint from `fields` (`url`, `eventTypes`, `description`) and records
    /// `webhook_endpoint.created`.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` naming every field in the wrong; ``ServiceError/forbidden(_:)``;
    ///   ``ServiceError/webhooksNotConfigured`` without the service's secret key.
    package func create(fields: [String: JSONValue], context: CommandContext) async throws -> WithSecret {
        try Permissions.checkClinicSettings(in: context)
        let given = try WebhookEndpointFields(fields, requireAll: true)
        guard let url = given.url, let eventTypes = given.eventTypes else { throw ServiceError.invalid([]) }
        if let error = await urlRule.error(of: url) { throw ServiceError.invalid([error]) }
        let (secret, sealed) = try newSecret()
        let now = clock.now().roundedToMilliseconds
        let endpoint = WebhookEndpoint(
            endpointId: WebhookEndpoint.idPrefix + random.hex(16), clinicId: context.clinic.clinicId, url: url,
            eventTypes: eventTypes, description: given.description ?? nil, status: .enabled, createdAt: now,
            updatedAt: now
        )
        let event = context.event(
            .webhookEndpointCreated, product: nil, subjectId: endpoint.endpointId, data: endpoint.eventData, at: now,
            random: random
        )
        try await repository.create(endpoint, sealedSecret: sealed, event: event)
        logger.info(
            "webhook endpoint created",
            metadata: ["endpointId": "\(endpoint.endpointId)", "clinicId": "\(context.clinic.clinicId)"])
        return WithSecret(endpoint: endpoint, secret: secret)
    }

    /// The clinic's endpoints, oldest first.
    package func list(context: CommandContext) async throws -> [WebhookEndpoint] {
        try Permissions.checkClinicSettings(in: context)
        return try await repository.endpoints(clinicId: context.clinic.clinicId)
    }

    /// - Throws: ``ServiceError/webhookEndpointNotFound``.
    package func endpoint(id: String, context: CommandContext) async throws -> WebhookEndpoint {
        try Permissions.checkClinicSettings(in: context)
        guard let endpoint = try await repository.endpoint(id: id, clinicId: context.clinic.clinicId) else {
            throw ServiceError.webhookEndpointNotFound
        }
        return endpoint
    }

    /// Changes what `fields` give (`url`, `eventTypes`, `description`, `status`): enabling a disabled endpoint
    /// clears why it was disabled. Records `webhook_endpoint.updated` when something changed.
    ///
    /// - Throws: ``ServiceError/invalid(_:)``, ``ServiceError/webhookEndpointNotFound``.
    package func update(
        id: String, fields: [String: JSONValue], context: CommandContext
    ) async throws
        -> WebhookEndpoint
    {
        try Permissions.checkClinicSettings(in: context)
        let given = try WebhookEndpointFields(fields, requireAll: false)
        if let url = given.url, let error = await urlRule.error(of: url) { throw ServiceError.invalid([error]) }
        let now = clock.now().roundedToMilliseconds
        let updated = try await repository.update(
            id: id, clinicId: context.clinic.clinicId, sealedSecret: nil, previousSecretExpiresAt: nil,
            audit: updatedAudit(context, at: now)
        ) { stored in
            var endpoint = stored
            if let url = given.url { endpoint.url = url }
            if let eventTypes = given.eventTypes { endpoint.eventTypes = eventTypes }
            if let description = given.description { endpoint.description = description }
            if let status = given.status, status != stored.status {
                endpoint.status = status
                endpoint.disabledReason = status == .disabled ? "disabled by the clinic" : nil
            }
            if endpoint != stored { endpoint.updatedAt = now }
            return endpoint
        }
        guard let updated else { throw ServiceError.webhookEndpointNotFound }
        return updated
    }

    /// Gives the endpoint a new secret; the current one keeps signing beside it for ``rotationOverlap``.
    ///
    /// - Throws: ``ServiceError/webhookEndpointNotFound``, ``ServiceError/webhooksNotConfigured``.
    package func rotateSecret(id: String, context: CommandContext) async throws -> WithSecret {
        try Permissions.checkClinicSettings(in: context)
        let (secret, sealed) = try newSecret()
        let now = clock.now().roundedToMilliseconds
        let updated = try await repository.update(
            id: id, clinicId: context.clinic.clinicId, sealedSecret: sealed,
            previousSecretExpiresAt: now.addingTimeInterval(Self.rotationOverlap),
            audit: updatedAudit(context, at: now, always: true)
        ) { stored in
            var endpoint = stored
            endpoint.updatedAt = now
            return endpoint
        }
        guard let updated else { throw ServiceError.webhookEndpointNotFound }
        logger.notice("webhook secret rotated", metadata: ["endpointId": "\(id)"])
        return WithSecret(endpoint: updated, secret: secret)
    }

    /// Removes the endpoint and its queued deliveries, and records `webhook_endpoint.deleted`.
    ///
    /// - Throws: ``ServiceError/webhookEndpointNotFound``.
    package func delete(id: String, context: CommandContext) async throws {
        try Permissions.checkClinicSettings(in: context)
        let now = clock.now().roundedToMilliseconds
        let audit = AuditedChange<WebhookEndpoint> { [random] endpoint, _ in
            context.event(
                .webhookEndpointDeleted, product: nil, subjectId: endpoint.endpointId, data: endpoint.eventData,
                at: now, random: random
            )
        }
        guard try await repository.delete(id: id, clinicId: context.clinic.clinicId, audit: audit) else {
            throw ServiceError.webhookEndpointNotFound
        }
    }

    /// The endpoint's latest deliveries (at most `limit`, 1 to 100), newest first.
    ///
    /// - Throws: ``ServiceError/webhookEndpointNotFound``; ``ServiceError/invalid(_:)`` for `limit`.
    package func deliveries(
        endpointId: String, limit: Int?, context: CommandContext
    ) async throws
        -> [WebhookDelivery]
    {
        let limit = limit ?? 20
        guard (1...100).contains(limit) else {
            throw ServiceError.invalid([FieldError(field: "limit", message: "must be from 1 to 100")])
        }
        _ = try await endpoint(id: endpointId, context: context)
        return try await repository.deliveries(endpointId: endpointId, clinicId: context.clinic.clinicId, limit: limit)
    }

    /// Delivers the clinic's event `eventId` to the endpoint again, as soon as the outbox worker takes it.
    ///
    /// - Throws: ``ServiceError/webhookEndpointNotFound``, ``ServiceError/eventNotFound``.
    package func redeliver(endpointId: String, eventId: String, context: CommandContext) async throws {
        _ = try await endpoint(id: endpointId, context: context)
        guard
            try await repository.redeliver(
                endpointId: endpointId, eventId: eventId, clinicId: context.clinic.clinicId, now: clock.now())
        else { throw ServiceError.eventNotFound }
    }

    /// A new secret, `whsec_` and base64 of 32 random bytes, with its sealed form.
    private func newSecret() throws -> (secret: String, sealed: String) {
        guard let box else { throw ServiceError.webhooksNotConfigured }
        let secret = "whsec_" + Data(random.bytes(32)).base64EncodedString()
        return (secret, try box.seal(secret))
    }

    /// `webhook_endpoint.updated` of the endpoint as changed, when it changed (or `always`).
    private func updatedAudit(
        _ context: CommandContext, at now: Date, always: Bool = false
    ) -> AuditedChange<WebhookEndpoint> {
        AuditedChange { [random] before, after in
            guard always || before != after else { return nil }
            return context.event(
                .webhookEndpointUpdated, product: nil, subjectId: after.endpointId, data: after.eventData, at: now,
                random: random
            )
        }
    }
}
