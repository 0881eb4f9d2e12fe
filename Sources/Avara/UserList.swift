import Foundation

/// One page of users: the answer of a list call.
public struct UserPage<User: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
    /// The users of this page, in the stable order (creation time, then id).
    public var data: [User]
    /// Whether more users follow.
    public var hasMore: Bool
    /// Pass as `after` to get the next page; `nil` on the last page.
    public var nextCursor: String?

    /// A page of users, as the API answers a list call.
    public init(data: [User], hasMore: Bool, nextCursor: String?) {
        self.data = data
        self.hasMore = hasMore
        self.nextCursor = nextCursor
    }
}

/// The users of a list call: an `AsyncSequence` that fetches further pages as you iterate, or page by page with
/// ``page(after:)``.
///
/// ```swift
/// for try await user in client.viewer.users.list(level: .admin) {
///     print(user.email)
/// }
/// let first = try await client.viewer.users.list(limit: 50).page()
/// ```
public struct UserList<User: Codable & Equatable & Sendable>: AsyncSequence, Sendable {
    /// One user.
    public typealias Element = User
    private let fetch: @Sendable (_ after: String?) async throws -> UserPage<User>

    init(fetch: @escaping @Sendable (_ after: String?) async throws -> UserPage<User>) {
        self.fetch = fetch
    }

    /// One page: the first, or the one after `cursor` (a previous page's ``UserPage/nextCursor``).
    public func page(after cursor: String? = nil) async throws -> UserPage<User> {
        try await fetch(cursor)
    }

    /// An iterator that fetches the pages one after another.
    public func makeAsyncIterator() -> Iterator {
        Iterator(fetch: fetch)
    }

    /// Walks the pages, fetching the next one when the current one is used up.
    public struct Iterator: AsyncIteratorProtocol {
        private let fetch: @Sendable (String?) async throws -> UserPage<User>
        private var buffer: [User] = []
        private var cursor: String?
        private var finished = false

        init(fetch: @escaping @Sendable (String?) async throws -> UserPage<User>) {
            self.fetch = fetch
        }

        /// The next user, fetching the next page when this one is used up; `nil` after the last.
        public mutating func next() async throws -> User? {
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

extension Requester {
    /// The users at `path` matching `query`, page by page.
    func list<User>(_ path: String, query: UserListQuery, options: RequestOptions) -> UserList<User> {
        UserList { cursor in try await get(path + query.encoded(after: cursor), options: options) }
    }
}

/// The query of a list call, as URL query items.
struct UserListQuery: Sendable {
    private var items: [URLQueryItem] = []

    /// The query of a user list; `nil` values are left out.
    init(limit: Int?, level: String?, clinicRole: String?, invitationStatus: String?, email: String?, q: String?) {
        let values: [(String, String?)] = [
            ("limit", limit.map(String.init)), ("level", level), ("clinicRole", clinicRole),
            ("invitationStatus", invitationStatus), ("email", email), ("q", q),
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
