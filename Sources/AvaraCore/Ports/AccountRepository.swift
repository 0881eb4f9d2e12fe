import Foundation

/// An invitation found by its token, with what its page shows.
package struct InvitationLookup: Sendable, Equatable {
    package var invitationId: String
    package var status: InvitationState.Status
    package var expiresAt: Date
    package var user: UserRecord
    package var clinic: Clinic

    package init(
        invitationId: String, status: InvitationState.Status, expiresAt: Date, user: UserRecord, clinic: Clinic
    ) {
        self.invitationId = invitationId
        self.status = status
        self.expiresAt = expiresAt
        self.user = user
        self.clinic = clinic
    }

    /// The name of the clinic that invited the user, which the pages show.
    package var clinicName: String { clinic.name }
}

/// A user who may try to log in, with their clinic and password hash.
package struct LoginCandidate: Sendable, Equatable {
    package var user: UserRecord
    package var clinic: Clinic
    package var passwordHash: String?
    package var invitationStatus: InvitationState.Status
    /// When the invitation was accepted; `nil` until then.
    package var acceptedAt: Date?

    package init(
        user: UserRecord, clinic: Clinic, passwordHash: String? = nil, invitationStatus: InvitationState.Status,
        acceptedAt: Date? = nil
    ) {
        self.user = user
        self.clinic = clinic
        self.passwordHash = passwordHash
        self.invitationStatus = invitationStatus
        self.acceptedAt = acceptedAt
    }
}

/// Accepting invitations, logging in, sessions.
package protocol AccountRepository: Sendable {
    /// The invitation whose token hashes to `tokenHash`, with its status as of `now`.
    func invitation(tokenHash: String, now: Date) async throws -> InvitationLookup?

    /// Accepts a pending, unexpired invitation and sets the user's password, with `event`, in one transaction.
    ///
    /// - Returns: `false` when the invitation was no longer pending at `now` (accepted meanwhile, revoked,
    ///   renewed or expired): accepting twice is impossible, and nothing is written.
    func accept(
        invitationId: String, tokenHash: String, passwordHash: String, now: Date, event: DomainEvent
    ) async throws -> Bool

    /// The users of `product` with this email (compared case-insensitively), in every clinic.
    func loginCandidates(email: String, product: Product, now: Date) async throws -> [LoginCandidate]

    /// Records a login: a session (only `sessionHash` is kept), the user's `lastLoginAt` and `event`, in one
    /// transaction.
    func startSession(
        userId: String, sessionHash: String, now: Date, expiresAt: Date, event: DomainEvent
    ) async throws
}
