import Foundation

/// One of a clinic's webhook endpoints: where its events of the types it wants are delivered, signed.
///
/// Its signing secret is never part of it: it exists in the answers to the creation and rotation only, and is
/// stored sealed (``SecretBox``).
package struct WebhookEndpoint: Sendable, Equatable {
    /// Whether deliveries go out.
    package enum Status: String, Sendable, Equatable, CaseIterable {
        case enabled
        /// By the clinic, or by the service (a `410 Gone`, or five days of failed deliveries): see
        /// ``WebhookEndpoint/disabledReason``.
        case disabled
    }

    /// `we_` and 32 hexadecimal digits.
    package var endpointId: String
    package var clinicId: String
    /// An `https://` URL (any scheme with `--allow-insecure-webhooks`).
    package var url: String
    /// The event types delivered, in ``EventType`` order.
    package var eventTypes: [EventType]
    package var description: String?
    package var status: Status
    /// Why the endpoint was disabled; `nil` while enabled.
    package var disabledReason: String?
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        endpointId: String, clinicId: String, url: String, eventTypes: [EventType], description: String?,
        status: Status, disabledReason: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.endpointId = endpointId
        self.clinicId = clinicId
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.status = status
        self.disabledReason = disabledReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The prefix of every endpoint id.
    package static let idPrefix = "we_"
}
