/// What a command asks of the transaction that changes a stored resource, beside the change: a check of the
/// resource as stored before anything is written (who may change it), and the event of the change.
///
/// The repository runs both inside its transaction, so that the check sees the row the change is made to and the
/// event is committed with the change or not at all.
package struct AuditedChange<Resource: Sendable>: Sendable {
    /// Throws (a ``ServiceError``) to refuse the change; nothing is then written.
    package var check: @Sendable (_ stored: Resource) throws -> Void
    /// The event of the change, from the resource before and after it; `nil` when nothing changed.
    package var event: @Sendable (_ before: Resource, _ after: Resource) -> DomainEvent?

    package init(
        check: @escaping @Sendable (_ stored: Resource) throws -> Void = { _ in },
        event: @escaping @Sendable (_ before: Resource, _ after: Resource) -> DomainEvent?
    ) {
        self.check = check
        self.event = event
    }
}
