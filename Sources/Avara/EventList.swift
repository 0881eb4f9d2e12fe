import Foundation

/// One page of the audit log: the answer of ``Events/list(type:userId:actorId:since:until:order:limit:options:)``
/// (the API's `EventList`).
public struct EventPage: Codable, Equatable, Sendable {
    /// The events of this page, in the order asked for (newest first by default).
    public var data: [WebhookEvent]
    /// Whether more events follow.
    public var hasMore: Bool
    /// Pass as `after` to get the next page; `nil` on the last page.
    public var nextCursor: String?

    /// A page of events, as the API answers a list call.
    public init(data: [WebhookEvent], hasMore: Bool, nextCursor: String?) {
        self.data = data
        self.hasMore = hasMore
        self.nextCursor = nextCursor
    }
}

/// The events of a list call: an `AsyncSequence` that fetches further pages as you iterate, or page by page with
/// ``page(after:)``.
///
/// ```swift
/// for try await event in client.events.list(type: .userInvited, since: .now.addingTimeInterval(-86_400)) {
///     print(event.createdAt, event.actor.name ?? event.actor.type)
/// }
/// let first = try await client.events.list(limit: 50).page()
/// ```
public struct EventList: AsyncSequence, Sendable {
    /// One event.
    public typealias Element = WebhookEvent
    private let fetch: @Sendable (_ after: String?) async throws -> EventPage

    init(fetch: @escaping @Sendable (_ after: String?) async throws -> EventPage) {
        self.fetch = fetch
    }

    /// One page: the first, or the one after `cursor` (a previous page's ``EventPage/nextCursor``).
    public func page(after cursor: String? = nil) async throws -> EventPage {
        try await fetch(cursor)
    }

    /// An iterator that fetches the pages one after another.
    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch)
    }

    /// Walks the pages, fetching the next one when the current one is used up.
    public struct Iterator: AsyncIteratorProtocol {
        private let fetch: @Sendable (String?) async throws -> EventPage
        private var buffer: [WebhookEvent] = []
        private var cursor: String?
        private var finished = false

        init(fetch: @escaping @Sendable (String?) async throws -> EventPage) {
            self.fetch = fetch
        }

        /// The next event, fetching the next page when this one is used up; `nil` after the last.
        public mutating func next() async throws -> WebhookEvent? {
            while buffer.isEmpty {
                guard !finished else { return nil }
                let page = try await fetch(cursor)
                buffer = page.data.reversed()
                cursor = page.nextCursor
                finished = !page.hasMore || page.nextCursor == nil
            }
            return buffer.popLast()
        }
    }
}

/// The query of `GET /v1/events`, as URL query items.
struct EventListQuery: Sendable {
    private var items: [URLQueryItem] = []

    /// The query of an event list; `nil` values are left out, the order is always sent.
    init(
        type: WebhookEventType?, userId: String?, actorId: String?, since: Date?, until: Date?, order: EventOrder,
        limit: Int?
    ) {
        let values: [(String, String?)] = [
            ("limit", limit.map(String.init)), ("order", order.rawValue), ("type", type?.rawValue),
            ("userId", userId), ("actorId", actorId), ("since", since.map(WireFormat.timestamp)),
            ("until", until.map(WireFormat.timestamp)),
        ]
        items = values.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
    }

    /// `?name=value&…`, percent-encoded, or the empty string.
    func encoded(after cursor: String?) -> String {
        var components = URLComponents()
        components.queryItems = items + (cursor.map { [URLQueryItem(name: "after", value: $0)] } ?? [])
        guard let query = components.percentEncodedQuery, !query.isEmpty else { return "" }
        // `+` means a space to most servers: encode it.
        return "?" + query.replacingOccurrences(of: "+", with: "%2B")
    }
}
