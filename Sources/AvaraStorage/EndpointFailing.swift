import AvaraCore
import Foundation
import SQLKit

/// Where a batch of attempts leaves an endpoint's `failing_since`: cleared by a delivery, set by the first failure
/// after it. The row is written only when this changes it, so that deliveries that keep succeeding (the usual
/// case) never write, or wait for a lock on, their endpoint's row.
enum EndpointFailing: Equatable {
    /// The last attempt succeeded.
    case delivered
    /// Every attempt of the batch failed, the first at `since`: the endpoint is failing from then, unless it
    /// already was.
    case failing(since: Date)
    /// The batch failed from `since` on, after a delivery: the endpoint is failing from then, whatever it was.
    case failingAgain(since: Date)

    /// Each endpoint's state after `attempts`, taken in the order of their times.
    static func after(_ attempts: [WebhookAttemptRecord]) -> [String: EndpointFailing] {
        var states: [String: EndpointFailing] = [:]
        for attempt in attempts.sorted(by: { $0.at < $1.at }) {
            let state = states[attempt.endpointId]
            switch (attempt.delivered, state) {
            case (true, _): states[attempt.endpointId] = .delivered
            case (false, nil): states[attempt.endpointId] = .failing(since: attempt.at)
            case (false, .delivered?): states[attempt.endpointId] = .failingAgain(since: attempt.at)
            case (false, .failing?), (false, .failingAgain?): break
            }
        }
        return states
    }

    /// Writes the state on endpoint `endpointId`'s row, where it changes it.
    func record(endpointId: String, in db: any SQLDatabase) async throws {
        let update = db.update("webhook_endpoints").where("endpoint_id", .equal, endpointId)
        switch self {
        case .delivered:
            try await update.set("failing_since", to: SQLLiteral.null).where("failing_since", .isNot, SQLLiteral.null)
                .run()
        case .failing(let since):
            try await update.set("failing_since", to: Timestamp.string(since))
                .where("failing_since", .is, SQLLiteral.null).run()
        case .failingAgain(let since):
            try await update.set("failing_since", to: Timestamp.string(since)).run()
        }
    }
}
