import Foundation

/// The events of the service's own work (deliveries, expiries): no request, no surface, the `system` actor.
///
/// Repositories that record such work in bulk call it inside their transaction, for each resource they changed.
package struct SystemEvents: Sendable {
    private let random: any RandomSource

    package init(random: any RandomSource) {
        self.random = random
    }

    /// The event `type` about `user` (its data the user as it now is), at `instant`.
    package func event(_ type: EventType, about user: UserRecord, at instant: Date) -> DomainEvent {
        DomainEvent(
            eventId: EventIDs.next(at: instant, random: random), type: type, clinicId: user.clinicId,
            product: user.product, actor: EventActor(.system), surface: nil, requestId: nil, clientAddress: nil,
            subjectId: user.userId, data: user.eventData, createdAt: instant
        )
    }

    /// The event `type` about a clinic's resource `subjectId` with `data`, at `instant`.
    package func event(
        _ type: EventType, clinicId: String, subjectId: String, data: JSONValue, at instant: Date
    ) -> DomainEvent {
        DomainEvent(
            eventId: EventIDs.next(at: instant, random: random), type: type, clinicId: clinicId, product: nil,
            actor: EventActor(.system), surface: nil, requestId: nil, clientAddress: nil, subjectId: subjectId,
            data: data, createdAt: instant
        )
    }
}
