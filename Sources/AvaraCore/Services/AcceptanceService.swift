import Foundation
import Logging

/// The invited person's side: the acceptance page and setting a password.
package struct AcceptanceService: Sendable {
    /// Why an invitation link no longer (or never) works.
    package enum ClosedReason: Sendable, Equatable {
        /// No invitation has this token (never had, or it was renewed).
        case unknown
        case expired
        case revoked
        /// Already accepted.
        case used
        /// The user is deactivated (by the clinic's identity provider).
        case deactivated
    }

    /// What a link leads to.
    package enum Lookup: Sendable, Equatable {
        case open(InvitationLookup)
        case closed(ClosedReason)
    }

    /// What became of an acceptance.
    package enum Outcome: Sendable, Equatable {
        case accepted(InvitationLookup)
        /// The password breaks rules; the page is shown again with these messages.
        case rejectedPassword(InvitationLookup, [String])
        case closed(ClosedReason)
    }

    private let accounts: any AccountRepository
    private let hasher: any PasswordHasher
    private let clock: any ServiceClock
    private let random: any RandomSource
    private let logger: Logger

    package init(
        accounts: any AccountRepository, hasher: any PasswordHasher, clock: any ServiceClock, random: any RandomSource,
        logger: Logger
    ) {
        self.accounts = accounts
        self.hasher = hasher
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// The invitation behind `token`.
    ///
    /// Unknown and wrong tokens cost the same: one indexed lookup of the token's SHA-256.
    package func lookup(token: String) async throws -> Lookup {
        guard let invitation = try await accounts.invitation(tokenHash: InvitationToken.hash(token), now: clock.now())
        else {
            return .closed(.unknown)
        }
        guard invitation.user.active else { return .closed(.deactivated) }
        switch invitation.status {
        case .pending: return .open(invitation)
        case .expired: return .closed(.expired)
        case .revoked: return .closed(.revoked)
        case .accepted: return .closed(.used)
        }
    }

    /// Accepts the invitation behind `token` with `password` (given twice, as typed in the page's two fields), and
    /// records `invitation.accepted` with the invited user as actor.
    ///
    /// - Parameters:
    ///   - requestId: The id of the page's request, for the event.
    ///   - clientAddress: The address the page's request came from, for the event.
    package func accept(
        token: String, password: String, confirmation: String, requestId: String? = nil, clientAddress: String? = nil
    ) async throws -> Outcome {
        let invitation: InvitationLookup
        switch try await lookup(token: token) {
        case .open(let found): invitation = found
        case .closed(let reason): return .closed(reason)
        }
        var problems = PasswordRule.messages(for: password)
        if password != confirmation {
            problems.append("the two passwords differ")
        }
        guard problems.isEmpty else { return .rejectedPassword(invitation, problems) }
        let hash = try await hasher.hash(password)
        let now = clock.now().roundedToMilliseconds
        var user = invitation.user
        user.invitation?.status = .accepted
        let context = CommandContext(
            clinic: invitation.clinic, actor: .user(id: user.userId, product: user.product, level: user.level),
            surface: .dashboard, requestId: requestId, clientAddress: clientAddress
        )
        let event = context.event(
            .invitationAccepted, product: user.product, subjectId: user.userId, data: user.eventData, at: now,
            random: random
        )
        let accepted = try await accounts.accept(
            invitationId: invitation.invitationId, tokenHash: InvitationToken.hash(token), passwordHash: hash,
            now: now, event: event,
            ownerAccounts: user.level == Permissions.ownerLevel ? (user.clinicId, user.emailKey) : nil
        )
        guard accepted else {
            // It changed while the password was hashed: accepted in another tab, revoked, renewed or expired.
            if case .closed(let reason) = try await lookup(token: token) { return .closed(reason) }
            return .closed(.used)
        }
        logger.info("invitation accepted", metadata: ["userId": "\(invitation.user.userId)"])
        return .accepted(invitation)
    }
}
