import Metrics

/// The domain's counters, through swift-metrics (free when no backend is bootstrapped): counted by the core where
/// the change is made and its event written, so every surface counts alike.
package enum DomainCounters {
    /// Invites committed (a new user and invitation), by product: `avara_invites_created_total`.
    package static func inviteCreated(product: Product) {
        Counter(label: "avara_invites_created_total", dimensions: [("product", product.rawValue)]).increment()
    }

    /// Email delivery attempts by outcome (`sent`, `deferred`, `failed`, `not_sent`): `avara_deliveries_total`.
    package static func emailDelivered(_ count: Int, outcome: String) {
        guard count > 0 else { return }
        Counter(label: "avara_deliveries_total", dimensions: [("outcome", outcome)]).increment(by: count)
    }

    /// Webhook delivery attempts by outcome (`delivered`, `retrying`, `failed`):
    /// `avara_webhook_deliveries_total`.
    package static func webhookDelivered(outcome: String) {
        Counter(label: "avara_webhook_deliveries_total", dimensions: [("outcome", outcome)]).increment()
    }

    /// Logins by outcome (`succeeded`, `failed`, `throttled`, `busy`): `avara_logins_total`.
    package static func login(outcome: String) {
        Counter(label: "avara_logins_total", dimensions: [("outcome", outcome)]).increment()
    }
}
