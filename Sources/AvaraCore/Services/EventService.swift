import Foundation

/// The audit log: a clinic's events, page by page.
///
/// ```swift
/// let page = try await events.page(context: context, filter: EventFilter(subjectId: userId), order: .oldest,
///     after: nil, limit: 50)
/// ```
package struct EventService: Sendable {
    private let log: any EventLog

    package init(log: any EventLog) {
        self.log = log
    }

    /// One page of the context's clinic's events.
    ///
    /// - Throws: ``ServiceError/malformed(_:)`` for an id filter with a control character;
    ///   ``ServiceError/invalid(_:)`` for a `limit` outside 1...100 or an `after` that is not an event id.
    package func page(
        context: CommandContext, filter: EventFilter, order: ListOrder, after: String?, limit: Int?
    ) async throws -> (events: [DomainEvent], nextCursor: String?) {
        let malformed = TextChecks.controlCharacterErrors([
            ("userId", filter.subjectId), ("actorId", filter.actorId), ("after", after),
        ])
        guard malformed.isEmpty else { throw ServiceError.malformed(malformed) }
        var errors: [FieldError] = []
        let limit = limit ?? 20
        if !(1...100).contains(limit) { errors.append(FieldError(field: "limit", message: "must be from 1 to 100")) }
        if let after, !Self.isEventId(after) {
            errors.append(FieldError(field: "after", message: "is not a cursor this API returned"))
        }
        if let error = ServiceError.invalid(ifAny: errors) { throw error }
        let page = try await log.page(
            clinicId: context.clinic.clinicId, filter: filter, order: order, after: after, limit: limit
        )
        return (page.events, page.hasMore ? page.events.last?.eventId : nil)
    }

    /// `evt_` and 32 lowercase hexadecimal digits.
    private static func isEventId(_ text: String) -> Bool {
        guard text.hasPrefix(DomainEvent.idPrefix) else { return false }
        let digits = text.utf8.dropFirst(DomainEvent.idPrefix.utf8.count)
        return digits.count == 32
            && digits.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }
}
