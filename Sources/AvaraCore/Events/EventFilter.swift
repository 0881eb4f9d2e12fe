import Foundation

/// Which of a clinic's events a page of the audit log holds; every condition set must hold.
package struct EventFilter: Sendable, Equatable {
    package var type: EventType?
    /// Events about this user (or key, or endpoint).
    package var subjectId: String?
    /// Events made by this API key or user.
    package var actorId: String?
    /// Made at or after this instant.
    package var since: Date?
    /// Made before this instant.
    package var until: Date?

    package init(
        type: EventType? = nil, subjectId: String? = nil, actorId: String? = nil, since: Date? = nil,
        until: Date? = nil
    ) {
        self.type = type
        self.subjectId = subjectId
        self.actorId = actorId
        self.since = since
        self.until = until
    }
}
