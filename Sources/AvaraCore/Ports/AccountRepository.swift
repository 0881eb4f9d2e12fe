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
    ///
    /// - Parameter ownerAccounts: For an owner's invitation, the owner's clinic and lowercased email: their other
    ///   owner accounts there whose invitation has no email of its own (see
    ///   ``InvitationService/inviteOwner(fields:products:context:)``) are accepted with the same password.
    func accept(
        invitationId: String, tokenHash: String, passwordHash: String, now: Date, event: DomainEvent,
        ownerAccounts: (clinicId: String, emailKey: String)?
    ) async throws -> Bool

    /// The users with this email (compared case-insensitively), in every clinic: of `product`, or of every product
    /// when it is `nil`.
    func loginCandidates(email: String, product: Product?, now: Date) async throws -> [LoginCandidate]

    /// The account of the user `userId`, as ``loginCandidates(email:product:now:)`` gives it; `nil` when there is
    /// no such user.
    func account(userId: String, now: Date) async throws -> LoginCandidate?

    /// Records a sign-in: the session (only its token's hash is kept), the user's `lastLoginAt` and `event`, in one
    /// transaction that first checks, with the user's row locked, that the user can still sign in (dashboard access,
    /// invitation accepted), and ends the session `replacing` (a switch of account) if given.
    ///
    /// - Returns: `false`, writing nothing, when the user can no longer sign in: a change of access or a removal that
    ///   committed first leaves no session behind.
    func startSession(_ session: NewSession, event: DomainEvent, replacing: String?) async throws -> Bool

    /// The session whose token hashes to `sessionHash`, with its user and clinic as they are now; `nil` when there
    /// is none (ended, or its user removed).
    func session(hash sessionHash: String, now: Date) async throws -> StoredSession?

    /// Records that the session was used at `now` (its idle timeout counts from there).
    func touchSession(hash sessionHash: String, now: Date) async throws

    /// Ends the session whose token hashes to `sessionHash`.
    func endSession(hash sessionHash: String) async throws

    /// Sets the user's password and ends every session of the user, in one transaction.
    func changePassword(userId: String, passwordHash: String) async throws
}
