import Foundation
import Logging

/// A started dashboard session: the token exists only here; the database keeps its hash.
package struct StartedSession: Sendable, Equatable {
    package var token: String
    package var userId: String
    package var expiresAt: Date

    package init(token: String, userId: String, expiresAt: Date) {
        self.token = token
        self.userId = userId
        self.expiresAt = expiresAt
    }
}

/// Logs invited users in to a product's dashboard.
package struct LoginService: Sendable {
    /// How long a session lasts.
    package static let sessionLifetime: TimeInterval = 12 * 3600

    let accounts: any AccountRepository
    let hasher: any PasswordHasher
    let throttle: any LoginThrottle
    let clock: any ServiceClock
    let random: any RandomSource
    let logger: Logger

    package init(
        accounts: any AccountRepository, hasher: any PasswordHasher, throttle: any LoginThrottle,
        clock: any ServiceClock,
        random: any RandomSource, logger: Logger
    ) {
        self.accounts = accounts
        self.hasher = hasher
        self.throttle = throttle
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Checks `password` for the user of `product` with `email` and starts a session.
    ///
    /// One email may belong to users of several clinics. With `clinicId`, the login is to that clinic's user; without
    /// it, to the user whose invitation was accepted first (ties broken as ``openable(_:)`` does), never "whichever row came first".
    /// Only that user's password is checked, so a login costs one password check whatever the accounts.
    ///
    /// A login records `user.logged_in` with the session, the user as actor, and counts each outcome
    /// (``DomainCounters/login(outcome:)``).
    ///
    /// - Parameters:
    ///   - surface: The way the login came in (the API's `POST /v1/auth/login`, the dashboard's form).
    ///   - clientAddress: The address the throttle counts, and the event records.
    /// - Throws: ``ServiceError/tooManyLogins(retryAfter:)`` while throttled; ``ServiceError/loginFailed`` for a wrong
    ///   password, an unknown email, no dashboard access or an invitation not accepted (one answer for all, so the
    ///   response does not tell which accounts exist).
    package func login(
        email: String, password: String, product: Product, clinicId: String? = nil,
        surface: CommandContext.Surface = .api, requestId: String? = nil, clientAddress: String
    ) async throws -> StartedSession {
        let malformed = TextChecks.controlCharacterErrors([("email", email)])
        guard malformed.isEmpty else { throw ServiceError.malformed(malformed) }
        do {
            // A place for the password check first: past the hasher's capacity a login costs nothing more.
            let session = try await hasher.withCheckReserved {
                try await check(
                    email: email, password: password, product: product, clinicId: clinicId,
                    origin: (surface, requestId, clientAddress)
                )
            }
            DomainCounters.login(outcome: "succeeded")
            return session
        } catch let error as ServiceError {
            switch error {
            case .loginFailed: DomainCounters.login(outcome: "failed")
            case .tooManyLogins: DomainCounters.login(outcome: "throttled")
            case .busy: DomainCounters.login(outcome: "busy")
            default: break
            }
            throw error
        }
    }

    /// The login, holding a place for its password check.
    private func check(
        email: String, password: String, product: Product, clinicId: String?,
        origin: (surface: CommandContext.Surface, requestId: String?, clientAddress: String)
    ) async throws -> StartedSession {
        let account = "\(product.rawValue):\(email)"
        // Counted before the password is checked: concurrent guesses cannot all slip under the limit.
        if let wait = try await throttle.admit(account: account, address: origin.clientAddress) {
            throw ServiceError.tooManyLogins(retryAfter: wait)
        }
        // A blank password, or one bcrypt would cut short at a NUL, matches nothing (an account whose stored hash
        // is bcrypt's of the empty password included): such a login fails like any other.
        let candidates =
            PasswordRule.canBeChecked(password)
            ? try await accounts.loginCandidates(email: email, product: product, now: clock.now()) : []
        guard let (candidate, hash) = Self.chosen(from: candidates, clinicId: clinicId) else {
            // Spend the time of a real check, so that an unknown email, an account that cannot log in and a password
            // that cannot be checked answer no faster than a wrong password.
            try await hasher.verifyNothing(password)
            try failed(product)
        }
        guard try await hasher.verify(password, hash: hash) else { try failed(product) }
        let session = try await start(candidate, accounts: [candidate.user.userId], origin: origin)
        try await throttle.recordSuccess(account: account, address: origin.clientAddress)
        return session
    }

    /// Starts a session for `candidate`, whose password was checked, recording `user.logged_in`.
    ///
    /// - Throws: ``ServiceError/loginFailed`` when the user lost the right to sign in meanwhile.
    func start(
        _ candidate: LoginCandidate, accounts opened: [String], lifetimeFrom createdAt: Date? = nil,
        replacing: String? = nil,
        origin: (surface: CommandContext.Surface, requestId: String?, clientAddress: String)
    ) async throws -> StartedSession {
        let now = clock.now().roundedToMilliseconds
        let token = "avs_" + random.base64URL(32)
        // A switch of account keeps the session's absolute lifetime: it starts when the password was checked.
        let expiresAt = (createdAt ?? now).addingTimeInterval(Self.sessionLifetime)
        var user = candidate.user
        user.lastLoginAt = now
        let context = CommandContext(
            clinic: candidate.clinic, actor: .user(id: user.userId, product: user.product, level: user.level),
            surface: origin.surface, requestId: origin.requestId, clientAddress: origin.clientAddress
        )
        let event = context.event(
            .userLoggedIn, product: user.product, subjectId: user.userId, data: user.eventData, at: now,
            random: random
        )
        let session = NewSession(
            sessionHash: InvitationToken.hash(token), userId: user.userId, createdAt: createdAt ?? now,
            expiresAt: expiresAt, accounts: opened
        )
        guard try await accounts.startSession(session, event: event, replacing: replacing) else {
            try failed(user.product)
        }
        logger.info("login", metadata: ["userId": "\(user.userId)"])
        return StartedSession(token: token, userId: user.userId, expiresAt: expiresAt)
    }

    private func failed(_ product: Product) throws -> Never {
        logger.notice("login failed", metadata: ["product": "\(product.rawValue)"])
        throw ServiceError.loginFailed
    }

    /// The one user a login is for: accepted, with dashboard access and a password, in `clinicId` when given, the
    /// first accepted otherwise.
    static func chosen(from candidates: [LoginCandidate], clinicId: String?) -> (LoginCandidate, String)? {
        openable(candidates).first { clinicId == nil || $0.0.user.clinicId == clinicId }
    }

    /// The users who can sign in (accepted, active, with dashboard access and a password), first accepted first (ties broken
    /// by product, Viewer first, then by user id: an owner's accounts, opened by one acceptance, start in Viewer),
    /// with their password hashes.
    static func openable(_ candidates: [LoginCandidate]) -> [(LoginCandidate, String)] {
        func order(_ candidate: LoginCandidate) -> (Date, Int, String) {
            (
                candidate.acceptedAt ?? .distantFuture, Product.allCases.firstIndex(of: candidate.user.product) ?? 0,
                candidate.user.userId
            )
        }
        return
            candidates
            .filter { $0.invitationStatus == .accepted && $0.user.hasDashboardAccess && $0.user.active }
            .compactMap { candidate in candidate.passwordHash.map { (candidate, $0) } }
            .sorted { order($0.0) < order($1.0) }
    }
}
