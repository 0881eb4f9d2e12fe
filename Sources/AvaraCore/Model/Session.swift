import Foundation

/// A session to start: only the hash of its token is stored.
package struct NewSession: Sendable, Equatable {
    package var sessionHash: String
    package var userId: String
    package var createdAt: Date
    package var expiresAt: Date
    /// The accounts (user ids) the password opened at sign-in, this one included: those the person may switch to
    /// without signing in again.
    package var accounts: [String]

    package init(sessionHash: String, userId: String, createdAt: Date, expiresAt: Date, accounts: [String]) {
        self.sessionHash = sessionHash
        self.userId = userId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.accounts = accounts
    }
}

/// A stored session with its user and clinic as they are now, before the core decides whether it still holds.
package struct StoredSession: Sendable, Equatable {
    package var sessionHash: String
    package var user: UserRecord
    package var clinic: Clinic
    package var createdAt: Date
    /// When the session was last used; its creation until then.
    package var lastSeenAt: Date
    package var expiresAt: Date
    package var accounts: [String]
    /// Whether the user has a password (an accepted invitation).
    package var hasPassword: Bool

    package init(
        sessionHash: String, user: UserRecord, clinic: Clinic, createdAt: Date, lastSeenAt: Date, expiresAt: Date,
        accounts: [String], hasPassword: Bool
    ) {
        self.sessionHash = sessionHash
        self.user = user
        self.clinic = clinic
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.accounts = accounts
        self.hasPassword = hasPassword
    }
}

/// A signed-in person, as the dashboard sees them on each request: the session held (not expired, not idle too
/// long) and its user can still sign in.
package struct SignedIn: Sendable, Equatable {
    package var session: StoredSession
    /// The token that each state-changing form of this session must carry (see ``SessionService/csrfToken(for:)``).
    package var csrfToken: String

    package var user: UserRecord { session.user }
    package var clinic: Clinic { session.clinic }

    package init(session: StoredSession, csrfToken: String) {
        self.session = session
        self.csrfToken = csrfToken
    }

    /// The context of a command this person makes from the dashboard.
    package func context(requestId: String?, clientAddress: String?) -> CommandContext {
        CommandContext(
            clinic: clinic, actor: .user(id: user.userId, product: user.product, level: user.level),
            surface: .dashboard, requestId: requestId, clientAddress: clientAddress
        )
    }
}
