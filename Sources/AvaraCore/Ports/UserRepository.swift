/// Where invited users live.
package protocol UserRepository: Sendable {
    /// Writes each invite (user, invitation, outbox message, event) unless its email is taken, all in one transaction.
    ///
    /// An invite with an idempotency record first claims its key: when the key is held by a live record (or an
    /// earlier invite of the batch), nothing of it is written. A claimed key keeps the invite's answer, 201 or 409.
    ///
    /// - Returns: One outcome per invite, in the same order. When two invites of the batch share an email,
    ///   the first wins.
    func insertInvites(_ invites: [NewInvite]) async throws -> [InviteOutcome]
}
