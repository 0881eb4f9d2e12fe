import Foundation

/// The order of an event list: ``newest`` first (the API's default) or ``oldest`` first.
public enum EventOrder: String, CaseIterable, Sendable {
    /// Newest first: the latest changes at the top, as an audit log is read.
    case newest
    /// Oldest first: in the order the changes were made, as a program catching up on them reads them.
    case oldest
}

/// The clinic's audit log: every change of state (who invited, changed, removed or signed in whom, when, and from
/// where), written with the change itself and never altered.
///
/// The events are the ``WebhookEvent``s that webhook endpoints receive, with the same JSON: code written for one
/// reads the other. Reach it through ``AvaraClient/events``:
///
/// ```swift
/// for try await event in client.events.list(userId: "usr_0123456789abcdef0123456789abcdef") {
///     print(event.createdAt, event.type, event.actor.name ?? event.actor.type, event.requestId ?? "-")
/// }
/// ```
public struct Events: Sendable {
    let requester: Requester

    static let path = "/v1/events"

    /// The clinic's events matching the filters, in `order`; iterate it, or take one ``EventList/page(after:)``.
    ///
    /// The service keeps events for its retention (365 days by default). Every filter left `nil` is not applied.
    ///
    /// ```swift
    /// // Who changed what in the last day, oldest first:
    /// let since = Date.now.addingTimeInterval(-86_400)
    /// for try await event in client.events.list(type: .userUpdated, since: since, order: .oldest) {
    ///     print(event.createdAt, event.actor.name ?? event.actor.type, event.previousValues ?? [:])
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - type: Only events of this type, e.g. ``WebhookEventType/userInvited``.
    ///   - userId: Only events about this user (`usr_…`).
    ///   - actorId: Only events made by this API key (its id, what follows `avk_`) or user.
    ///   - since: Only events made at or after this instant.
    ///   - until: Only events made before this instant.
    ///   - order: ``EventOrder/newest`` first (the default) or ``EventOrder/oldest`` first.
    ///   - limit: Events per page, 1 to 100 (the server's default is 20); iterating fetches every page.
    /// - Throws: While iterating, ``AvaraError``: ``AvaraError/Kind/unprocessableEntity`` naming a bad filter, and the
    ///   others.
    public func list(
        type: WebhookEventType? = nil, userId: String? = nil, actorId: String? = nil, since: Date? = nil,
        until: Date? = nil, order: EventOrder = .newest, limit: Int? = nil, options: RequestOptions = RequestOptions()
    ) -> EventList {
        let query = EventListQuery(
            type: type, userId: userId, actorId: actorId, since: since, until: until, order: order, limit: limit
        )
        let requester = requester
        return EventList { cursor in
            try await requester.get(Self.path + query.encoded(after: cursor), options: options)
        }
    }
}
