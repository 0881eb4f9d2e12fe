import Foundation

/// Reading a clinic's events. They are written by the repositories that make the changes, in the changes'
/// transactions, never through this port: nothing here changes or deletes one.
package protocol EventLog: Sendable {
    /// Up to `limit` events of the clinic that pass `filter`, in `order` of their ids (which is the order they were
    /// made), after the event `cursor` when given; and whether more follow.
    func page(
        clinicId: String, filter: EventFilter, order: ListOrder, after cursor: String?, limit: Int
    ) async throws -> (events: [DomainEvent], hasMore: Bool)
}
