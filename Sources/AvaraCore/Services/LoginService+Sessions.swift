import Crypto
import Foundation
import Logging

/// The dashboard's sessions: a sign-in by email and password across products and clinics, the session of each
/// request (expired after ``idleTimeout`` without use and ``sessionLifetime`` in all), a switch between the accounts
/// a password opened, sign-out and a change of password.
extension LoginService {
    /// How long a session may go unused before it ends.
    package static let idleTimeout: TimeInterval = 30 * 60
    /// How often at most a session's last use is written (a request within this of the last one writes nothing).
    static let touchInterval: TimeInterval = 60
    /// The most accounts one sign-in checks the password of (each check is a bcrypt verification).
    static let maximumAccountsPerSignIn = 8

    /// Signs in to the dashboard with an email and password, whatever the product and clinic: the session is for
    /// the first account (accepted first) the password opens, and lists every account it opens so that the person
    /// may switch between them (see ``switchAccount(_:to:requestId:clientAddress:)``).
    ///
    /// - Throws: as ``login(email:password:product:clinicId:surface:requestId:clientAddress:)``: one
    ///   ``ServiceError/loginFailed`` whatever the reason, ``ServiceError/tooManyLogins(retryAfter:)`` while throttled.
    package func signIn(
        email: String, password: String, requestId: String?, clientAddress: String
    ) async throws -> (session: StartedSession, accounts: [String]) {
        let malformed = TextChecks.controlCharacterErrors([("email", email)])
        guard malformed.isEmpty else { throw ServiceError.malformed(malformed) }
        let account = "dashboard:\(email.lowercased())"
        if let wait = try await throttle.admit(account: account, address: clientAddress) {
            DomainCounters.login(outcome: "throttled")
            throw ServiceError.tooManyLogins(retryAfter: wait)
        }
        let opened = try await hasher.withCheckReserved {
            try await openedAccounts(email: email, password: password)
        }
        guard let first = opened.first else {
            DomainCounters.login(outcome: "failed")
            logger.notice("dashboard sign-in failed")
            throw ServiceError.loginFailed
        }
        let ids = opened.map(\.user.userId)
        let session = try await start(first, accounts: ids, origin: (.dashboard, requestId, clientAddress))
        try await throttle.recordSuccess(account: account, address: clientAddress)
        DomainCounters.login(outcome: "succeeded")
        return (session, ids)
    }

    /// The accounts whose password is `password`, first accepted first.
    private func openedAccounts(email: String, password: String) async throws -> [LoginCandidate] {
        let candidates =
            PasswordRule.canBeChecked(password)
            ? Self.openable(try await accounts.loginCandidates(email: email, product: nil, now: clock.now()))
                .prefix(Self.maximumAccountsPerSignIn) : []
        guard !candidates.isEmpty else {
            try await hasher.verifyNothing(password)
            return []
        }
        var opened: [LoginCandidate] = []
        for (candidate, hash) in candidates where try await hasher.verify(password, hash: hash) {
            opened.append(candidate)
        }
        return opened
    }

    /// The signed-in person of a request carrying `token`, or `nil` when the session does not hold: unknown or
    /// ended, past its lifetime, idle longer than ``idleTimeout``, or its user can no longer sign in (dashboard
    /// access removed, removed from the clinic). A session that holds counts as used now.
    package func signedIn(token: String) async throws -> SignedIn? {
        guard token.hasPrefix("avs_"), token.count <= 64, token.allSatisfy(\.isASCII) else { return nil }
        let hash = InvitationToken.hash(token)
        let now = clock.now()
        guard let session = try await accounts.session(hash: hash, now: now),
            session.expiresAt > now,
            now.timeIntervalSince(session.lastSeenAt) < Self.idleTimeout,
            session.user.hasDashboardAccess, session.user.active, session.hasPassword,
            session.user.invitation?.status == .accepted
        else {
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
            try await accounts.touchSession(hash: hash, now: now.roundedToMilliseconds)
        }
        return SignedIn(session: session, csrfToken: Self.csrfToken(for: token))
    }

    /// Moves `signedIn` to another of the accounts its password opened: a new session for that account, with the same
    /// absolute lifetime, replacing the current one.
    ///
    /// - Throws: ``ServiceError/userNotFound`` for an account the sign-in did not open, or that can no longer sign in.
    package func switchAccount(
        _ signedIn: SignedIn, to userId: String, requestId: String?, clientAddress: String
    ) async throws -> StartedSession {
        let accountIds = signedIn.session.accounts
        guard accountIds.contains(userId) else { throw ServiceError.userNotFound }
        let candidates = try await accounts.loginCandidates(
            email: signedIn.user.email, product: nil, now: clock.now())
        guard let (target, _) = Self.openable(candidates).first(where: { $0.0.user.userId == userId }) else {
            throw ServiceError.userNotFound
        }
        do {
            return try await start(
                target, accounts: accountIds, lifetimeFrom: signedIn.session.createdAt,
                replacing: signedIn.session.sessionHash, origin: (.dashboard, requestId, clientAddress)
            )
        } catch ServiceError.loginFailed {
            throw ServiceError.userNotFound
        }
    }

    /// The accounts `signedIn` may switch to, each with its clinic, in the order of the sign-in.
    package func accounts(of signedIn: SignedIn) async throws -> [LoginCandidate] {
        let candidates = try await accounts.loginCandidates(
            email: signedIn.user.email, product: nil, now: clock.now())
        let openable = Self.openable(candidates).map(\.0)
        return signedIn.session.accounts.compactMap { id in openable.first { $0.user.userId == id } }
    }

    /// Ends the session of `token`.
    package func signOut(token: String) async throws {
        try await accounts.endSession(hash: InvitationToken.hash(token))
    }

    /// Changes the signed-in user's password after checking the current one, and ends every session of the user
    /// (this one included: the person signs in again with the new password).
    ///
    /// - Returns: what is wrong, field by field (`currentPassword`, `newPassword`, `confirmation`); empty when the
    ///   password was changed.
    package func changePassword(
        _ signedIn: SignedIn, current: String, new: String, confirmation: String
    ) async throws -> [FieldError] {
        var errors = PasswordRule.messages(for: new).map { FieldError(field: "newPassword", message: $0) }
        if new != confirmation {
            errors.append(FieldError(field: "confirmation", message: "differs from the new password"))
        }
        let hash = try await accounts.account(userId: signedIn.user.userId, now: clock.now())?.passwordHash
        let currentHolds = try await hasher.withCheckReserved {
            guard let hash, PasswordRule.canBeChecked(current) else {
                try await hasher.verifyNothing(current)
                return false
            }
            return try await hasher.verify(current, hash: hash)
        }
        if !currentHolds {
            errors.insert(FieldError(field: "currentPassword", message: "is not your current password"), at: 0)
        }
        guard errors.isEmpty else { return errors }
        try await accounts.changePassword(userId: signedIn.user.userId, passwordHash: try await hasher.hash(new))
        logger.info("password changed", metadata: ["userId": "\(signedIn.user.userId)"])
        return []
    }

    /// The token each state-changing form of the session of `token` carries: an HMAC of the session's token, so that
    /// a page of another site, which cannot read the session cookie, cannot make it.
    package static func csrfToken(for token: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("avara-csrf".utf8), using: SymmetricKey(data: Data(token.utf8)))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
