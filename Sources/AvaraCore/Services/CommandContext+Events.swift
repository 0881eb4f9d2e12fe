import Foundation

extension CommandContext {
    /// The event of a change this context makes at `instant`.
    package func event(
        _ type: EventType, product: Product?, subjectId: String?, data: JSONValue,
        previousValues: [String: JSONValue]? = nil, at instant: Date, random: any RandomSource
    ) -> DomainEvent {
        DomainEvent(
            eventId: EventIDs.next(at: instant, random: random), type: type,
            clinicId: clinic.clinicId, product: product, actor: EventActor(actor), surface: surface,
            requestId: requestId, clientAddress: clientAddress, subjectId: subjectId, data: data,
            previousValues: previousValues, createdAt: instant
        )
    }
}
