import AvaraCore
import Foundation
import SQLKit

/// ``UserRepository`` over any SQLKit backend.
package struct SQLUserRepository: UserRepository {
    private let store: any DatabaseStore

    package init(store: any DatabaseStore) {
        self.store = store
    }

    package func insertInvites(_ invites: [NewInvite]) async throws -> [InviteOutcome] {
        guard !invites.isEmpty else { return [] }
        return try await store.transaction { db in
            // Idempotency keys first: the (clinic_id, idempotency_key) primary key decides which keyed invites
            // go on, so two concurrent requests with one key can never both create a user.
            let keyTaken = try await claimIdempotencyKeys(of: invites, in: db)
            // Rows go in (and take their locks) in one order, the same in every transaction, so that two replicas
            // inserting overlapping batches on PostgreSQL wait for each other instead of deadlocking.
            let candidates = invites.indices.filter { !keyTaken[$0] }.sorted {
                Self.locksBefore(invites[$0], invites[$1])
            }
            // One statement for the whole batch; the unique (clinic, product, email_key) constraint decides
            // which rows go in, so two concurrent invites of one email can never both succeed.
            var insertedIds: Set<String> = []
            if !candidates.isEmpty {
                var insertUsers = db.insert(into: "users").columns(UserColumns.written)
                for index in candidates {
                    insertUsers = insertUsers.values(UserColumns.values(of: invites[index].user))
                }
                insertedIds = Set(
                    try await insertUsers.ignoringConflicts()
                        .returning("user_id")
                        .all(decodingColumn: "user_id", as: String.self)
                )
            }
            let accepted = invites.filter { insertedIds.contains($0.user.userId) }
            if !accepted.isEmpty {
                try await insertInvitations(of: accepted, into: db)
                try await SQLOutboxRepository.enqueue(accepted.compactMap(\.email), in: db)
                try await EventTable.append(accepted.map(\.event), in: db)
            }
            for index in candidates where !insertedIds.contains(invites[index].user.userId) {
                if let record = invites[index].idempotency {
                    try await IdempotencyTable.keepEmailTaken(of: record, in: db)
                }
            }
            return invites.indices.map { index -> InviteOutcome in
                if keyTaken[index] { return .idempotencyKeyTaken }
                let user = invites[index].user
                return insertedIds.contains(user.userId) ? .created(user) : .duplicateEmail
            }
        }
    }

    /// Orders invites by the unique key their user rows lock: (clinic, product, lowercased email).
    private static func locksBefore(_ first: NewInvite, _ second: NewInvite) -> Bool {
        (first.user.clinicId, first.user.product.rawValue, first.user.emailKey)
            < (second.user.clinicId, second.user.product.rawValue, second.user.emailKey)
    }

    /// Claims the idempotency key of each keyed invite.
    ///
    /// - Returns: Per invite, whether its key is held by another request (so that nothing of it may be written).
    private func claimIdempotencyKeys(of invites: [NewInvite], in db: any SQLDatabase) async throws -> [Bool] {
        let keyed = invites.indices.filter { invites[$0].idempotency != nil }
        guard !keyed.isEmpty else { return Array(repeating: false, count: invites.count) }
        let claimed = try await IdempotencyTable.claim(keyed.compactMap { invites[$0].idempotency }, in: db)
        var taken = Array(repeating: false, count: invites.count)
        for (index, didClaim) in zip(keyed, claimed) {
            taken[index] = !didClaim
        }
        return taken
    }

    private func insertInvitations(of invites: [NewInvite], into db: any SQLDatabase) async throws {
        var insert = db.insert(into: "invitations")
            .columns("invitation_id", "user_id", "token_hash", "status", "created_at", "expires_at", "email_status")
        for invite in invites {
            let invitation = invite.invitation
            insert = insert.values(
                invitation.invitationId, invite.user.userId, invitation.tokenHash, "pending",
                Timestamp.string(invitation.createdAt), Timestamp.string(invitation.expiresAt),
                invite.email == nil ? nil : InvitationEmailState.Status.queued.rawValue
            )
        }
        try await insert.run()
    }
}
