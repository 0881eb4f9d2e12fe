/// The order of a list's pages by creation: the audit log's, and the users' (the API lists the oldest first, the
/// dashboard the newest).
package enum ListOrder: String, Sendable, Equatable, CaseIterable {
    case newest
    case oldest
}
