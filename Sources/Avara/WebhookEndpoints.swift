import Foundation

/// The clinic's webhook endpoints: where the service `POST`s its events, signed, as they happen.
///
/// Create an endpoint, keep its secret for ``Webhooks/init(secret:)``, and watch its deliveries. Reach them through
/// ``AvaraClient/webhookEndpoints``:
///
/// ```swift
/// let created = try await client.webhookEndpoints.create(
///     url: URL(string: "https://hooks.clinic.example/avara")!, eventTypes: [.userInvited, .invitationAccepted],
///     description: "Provisioning")
/// print(created.secret)  // shown this once: store it for the receiver
///
/// for delivery in try await client.webhookEndpoints.deliveries(endpointId: created.endpoint.endpointId) {
///     print(delivery.eventId, delivery.status, delivery.lastStatusCode ?? 0)
/// }
/// ```
public struct WebhookEndpoints: Sendable {
    let requester: Requester

    static let path = "/v1/webhookEndpoints"

    /// Every endpoint of the clinic, oldest first; secrets are never shown again.
    public func list(options: RequestOptions = RequestOptions()) async throws -> [WebhookEndpoint] {
        let list: WebhookEndpointList = try await requester.get(Self.path, options: options)
        return list.data
    }

    /// Creates an endpoint that receives the events of `eventTypes`, and answers it with its signing secret, shown
    /// this once.
    ///
    /// ```swift
    /// let created = try await client.webhookEndpoints.create(
    ///     url: URL(string: "https://hooks.clinic.example/avara")!, eventTypes: [.userInvited])
    /// let webhooks = try Webhooks(secret: created.secret)  // in the receiver
    /// ```
    ///
    /// - Parameters:
    ///   - url: An `https://` URL (at most 2048 characters) that does not lead to a loopback, private, link-local or
    ///     metadata address.
    ///   - eventTypes: At least one type of event to deliver.
    ///   - description: What the endpoint is for, at most 500 characters.
    /// - Returns: The endpoint and its ``WebhookEndpointWithSecret/secret``.
    /// - Throws: ``AvaraError``: ``AvaraError/Kind/unprocessableEntity`` naming a URL, types or description that
    ///   break the rules, and the others.
    public func create(
        url: URL, eventTypes: [WebhookEventType], description: String? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws -> WebhookEndpointWithSecret {
        try await requester.post(
            Self.path, body: WebhookEndpointCreateParams(url: url, eventTypes: eventTypes, description: description),
            options: options
        )
    }

    /// The endpoint `endpointId`.
    ///
    /// - Throws: ``AvaraError`` of kind ``AvaraError/Kind/notFound`` when the clinic has no such endpoint.
    public func retrieve(
        endpointId: String, options: RequestOptions = RequestOptions()
    ) async throws -> WebhookEndpoint {
        try await requester.get(endpointPath(endpointId), options: options)
    }

    /// Changes the endpoint: the fields given are set, the others stay as they are.
    ///
    /// ```swift
    /// // Turn an endpoint the service disabled back on, and clear its description:
    /// let endpoint = try await client.webhookEndpoints.update(endpointId: id, description: .null, status: .enabled)
    /// ```
    ///
    /// - Parameters:
    ///   - url: A new `https://` URL.
    ///   - eventTypes: The types of event to deliver from now on (at least one), replacing the current ones.
    ///   - description: A new description, or ``Nullable/null`` to clear it.
    ///   - status: ``WebhookEndpointStatus/disabled`` stops the deliveries; ``WebhookEndpointStatus/enabled`` resumes
    ///     them and forgets why the endpoint was disabled.
    /// - Returns: The endpoint as it now is.
    /// - Throws: ``AvaraError``: ``AvaraError/Kind/notFound`` when the clinic has no such endpoint,
    ///   ``AvaraError/Kind/unprocessableEntity`` naming the fields that break the rules.
    public func update(
        endpointId: String, url: URL? = nil, eventTypes: [WebhookEventType]? = nil,
        description: Nullable<String>? = nil, status: WebhookEndpointStatus? = nil,
        options: RequestOptions = RequestOptions()
    ) async throws -> WebhookEndpoint {
        let changes = WebhookEndpointUpdateParams(
            url: url, eventTypes: eventTypes, description: description, status: status
        )
        return try await requester.patch(endpointPath(endpointId), body: changes, options: options)
    }

    /// Deletes the endpoint; deliveries not yet made are dropped.
    ///
    /// - Throws: ``AvaraError`` of kind ``AvaraError/Kind/notFound`` when the clinic has no such endpoint.
    public func delete(endpointId: String, options: RequestOptions = RequestOptions()) async throws {
        try await requester.delete(endpointPath(endpointId), options: options)
    }

    /// Gives the endpoint a new signing secret, shown this once. For 24 hours the previous secret signs every
    /// delivery too, so that receivers can switch without losing one.
    ///
    /// ```swift
    /// let rotated = try await client.webhookEndpoints.rotateSecret(endpointId: id)
    /// // deploy rotated.secret to the receiver within 24 hours
    /// ```
    ///
    /// - Throws: ``AvaraError`` of kind ``AvaraError/Kind/notFound`` when the clinic has no such endpoint.
    public func rotateSecret(
        endpointId: String, options: RequestOptions = RequestOptions()
    ) async throws -> WebhookEndpointWithSecret {
        try await requester.post(endpointPath(endpointId) + "/rotateSecret", options: options)
    }

    /// The endpoint's latest deliveries, newest first: their status, last answer and next attempt.
    ///
    /// - Parameter limit: How many, 1 to 100 (the server's default is 20).
    /// - Throws: ``AvaraError`` of kind ``AvaraError/Kind/notFound`` when the clinic has no such endpoint.
    public func deliveries(
        endpointId: String, limit: Int? = nil, options: RequestOptions = RequestOptions()
    ) async throws -> [WebhookDelivery] {
        let query = limit.map { "?limit=\($0)" } ?? ""
        let list: WebhookDeliveryList = try await requester.get(
            endpointPath(endpointId) + "/deliveries" + query, options: options
        )
        return list.data
    }

    /// Queues the event `eventId` for the endpoint at once, whatever became of its earlier deliveries (even if the
    /// endpoint did not take the event's type when it was made). The delivery keeps the event's id in `webhook-id`,
    /// so receivers recognise a repeat.
    ///
    /// ```swift
    /// try await client.webhookEndpoints.retry(endpointId: id, eventId: "evt_019ca8bbb6ba000000001a2b3c4d5e6f")
    /// ```
    ///
    /// - Throws: ``AvaraError`` of kind ``AvaraError/Kind/notFound`` when the clinic has no such endpoint or event.
    public func retry(endpointId: String, eventId: String, options: RequestOptions = RequestOptions()) async throws {
        try await requester.post(
            endpointPath(endpointId) + "/deliveries/\(pathSegment(eventId))/retry", options: options)
    }

    /// The path of the endpoint `endpointId`, the id percent-encoded as one segment.
    private func endpointPath(_ endpointId: String) -> String {
        "\(Self.path)/\(pathSegment(endpointId))"
    }
}

/// The list of ``WebhookEndpoints/list(options:)``.
struct WebhookEndpointList: Decodable {
    var data: [WebhookEndpoint]
}

/// The list of ``WebhookEndpoints/deliveries(endpointId:limit:options:)``.
struct WebhookDeliveryList: Decodable {
    var data: [WebhookDelivery]
}

/// The body of ``WebhookEndpoints/create(url:eventTypes:description:options:)``: without a description, no
/// `description` (optionals are encoded only when set).
struct WebhookEndpointCreateParams: Encodable, Equatable {
    var url: URL
    var eventTypes: [WebhookEventType]
    var description: String?
}

/// The body of ``WebhookEndpoints/update(endpointId:url:eventTypes:description:status:options:)``: a field left
/// `nil` is not sent (optionals are encoded only when set) and stays as it is; a description of ``Nullable/null`` is
/// sent as `null` and clears it.
struct WebhookEndpointUpdateParams: Encodable, Equatable {
    var url: URL?
    var eventTypes: [WebhookEventType]?
    var description: Nullable<String>?
    var status: WebhookEndpointStatus?
}
