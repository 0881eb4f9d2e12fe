import Avara
import AvaraClientTools
import Foundation

/// How `avara webhooks` prints endpoints and deliveries: tables, or the API's JSON (sorted keys).
enum WebhookOutput {
    static let endpointColumns = ["endpointId", "url", "status", "eventTypes", "description", "createdAt"]
    static let deliveryColumns = [
        "eventId", "eventType", "status", "attempts", "lastStatusCode", "lastDurationMs", "lastAttemptAt",
        "nextAttemptAt", "lastError",
    ]

    /// `value` as one line of JSON with sorted keys and millisecond timestamps.
    static func printJSON(_ value: some Encodable) throws {
        Swift.print(String(decoding: try OutputJSON.encode(value), as: UTF8.self))
    }

    /// The endpoints as a table, one row each.
    static func print(_ endpoints: [WebhookEndpoint], json: Bool) throws {
        if json { return try printJSON(endpoints) }
        let rows = endpoints.map { endpoint in
            [
                endpoint.endpointId, endpoint.url.absoluteString, status(endpoint), types(endpoint.eventTypes),
                endpoint.description ?? "-", TimestampText.text(endpoint.createdAt),
            ]
        }
        Swift.print(TextTable(header: endpointColumns, rows: rows).text, terminator: "")
    }

    /// One endpoint as a two-column table of field and value.
    static func print(_ endpoint: WebhookEndpoint, json: Bool) throws {
        if json { return try printJSON(endpoint) }
        Swift.print(detailTable(endpoint).text, terminator: "")
    }

    /// A new endpoint, or one whose secret was just rotated, with its secret: shown once.
    static func print(withSecret created: WebhookEndpointWithSecret, rotated: Bool, json: Bool) throws {
        if json { return try printJSON(created) }
        let endpoint = created.endpoint
        if rotated {
            Swift.print("Rotated the signing secret of webhook endpoint \(endpoint.endpointId).")
        } else {
            Swift.print("Created webhook endpoint \(endpoint.endpointId) for \(endpoint.url.absoluteString).")
        }
        Swift.print(detailTable(endpoint).text, terminator: "")
        Swift.print("The signing secret (shown only once; store it now, it is not shown again):")
        Swift.print("    \(created.secret)")
        if rotated {
            Swift.print("For 24 hours the previous secret signs every delivery too: switch the receiver over by then.")
        }
    }

    /// The deliveries as a table, newest first, and a count.
    static func print(_ deliveries: [WebhookDelivery], json: Bool) throws {
        if json { return try printJSON(deliveries) }
        let rows = deliveries.map { delivery in
            [
                delivery.eventId, delivery.eventType?.rawValue ?? "-", delivery.status.rawValue,
                String(delivery.attempts), delivery.lastStatusCode.map(String.init) ?? "-",
                delivery.lastDurationMs.map(String.init) ?? "-",
                delivery.lastAttemptAt.map(TimestampText.text) ?? "-",
                delivery.nextAttemptAt.map(TimestampText.text) ?? "-", delivery.lastError ?? "-",
            ]
        }
        Swift.print(TextTable(header: deliveryColumns, rows: rows).text, terminator: "")
        Swift.print(deliveries.count == 1 ? "1 delivery" : "\(deliveries.count) deliveries")
    }

    /// The endpoint's fields, one per row, in the API's order.
    static func detailTable(_ endpoint: WebhookEndpoint) -> TextTable {
        TextTable(
            header: ["field", "value"],
            rows: [
                ["endpointId", endpoint.endpointId], ["url", endpoint.url.absoluteString],
                ["eventTypes", types(endpoint.eventTypes)], ["description", endpoint.description ?? "-"],
                ["status", endpoint.status.rawValue], ["disabledReason", endpoint.disabledReason ?? "-"],
                ["createdAt", TimestampText.text(endpoint.createdAt)],
                ["updatedAt", TimestampText.text(endpoint.updatedAt)],
            ]
        )
    }

    /// `enabled`, or `disabled` and why.
    private static func status(_ endpoint: WebhookEndpoint) -> String {
        guard endpoint.status != .enabled, let reason = endpoint.disabledReason else { return endpoint.status.rawValue }
        return "\(endpoint.status.rawValue) (\(reason))"
    }

    private static func types(_ types: [WebhookEventType]) -> String {
        types.map(\.rawValue).joined(separator: ",")
    }
}
