import Foundation
import Logging

/// "Forgot password": an email with a link that sets a new password for every dashboard account of the address,
/// valid for ``linkLifetime`` and once.
///
/// A request answers the same whether or not the email has an account (the email goes out only when it has one),
/// and is throttled per email and per address like a login.
package struct PasswordResetService: Sendable {
    /// How long a reset link works.
    package static let linkLifetime: TimeInterval = 3600

    /// How a reset link begins: `{public-url}/dashboard/reset/`.
    package static let linkPath = "/dashboard/reset/"

    private let resets: any PasswordResetRepository
    private let accounts: any AccountRepository
    private let hasher: any PasswordHasher
    private let throttle: any LoginThrottle
    private let links: InvitationLinks
    private let mailFrom: MailAddress
    private let clock: any ServiceClock
    private let random: any RandomSource
    private let logger: Logger

    package init(
        resets: any PasswordResetRepository, accounts: any AccountRepository, hasher: any PasswordHasher,
        throttle: any LoginThrottle, links: InvitationLinks, mailFrom: MailAddress, clock: any ServiceClock,
        random: any RandomSource, logger: Logger
    ) {
        self.resets = resets
        self.accounts = accounts
        self.hasher = hasher
        self.throttle = throttle
        self.links = links
        self.mailFrom = mailFrom
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Emails a reset link to `email` when it has a dashboard account.
    ///
    /// - Throws: ``ServiceError/malformed(_:)`` for an email with a control character;
    ///   ``ServiceError/tooManyLogins(retryAfter:)`` past the throttle's limit for this email or address.
    package func requestReset(email: String, clientAddress: String) async throws {
        let malformed = TextChecks.controlCharacterErrors([("email", email)])
        guard malformed.isEmpty else { throw ServiceError.malformed(malformed) }
        // Every request counts, none succeeds: asking again and again for one address is throttled like guessing.
        if let wait = try await throttle.admit(account: "reset:\(email.lowercased())", address: clientAddress) {
            throw ServiceError.tooManyLogins(retryAfter: wait)
        }
        let now = clock.now().roundedToMilliseconds
        let openable = LoginService.openable(
            try await accounts.loginCandidates(email: email, product: nil, now: now)
        ).map(\.0)
        guard let first = openable.first else {
            logger.debug("password reset asked for an email without an account")
            return
        }
        let token = "avr_" + random.base64URL(32)
        let reset = PasswordReset(
            tokenHash: InvitationToken.hash(token), emailKey: first.user.emailKey, createdAt: now,
            expiresAt: now.addingTimeInterval(Self.linkLifetime)
        )
        let email = QueuedEmail(
            kind: .passwordReset, messageId: "rst_\(random.hex(16))@avara", date: now, from: mailFrom,
            to: MailAddress(name: first.user.fullName, address: first.user.email), productName: "Avara",
            clinicName: first.clinic.name, clinicRole: "", level: "",
            acceptURL: links.baseURL + Self.linkPath + token, expiresAt: reset.expiresAt
        )
        // No token hash: the message is not an invitation's, and goes out while queued.
        let message = OutboxMessage(
            messageId: email.messageId, userId: first.user.userId, recipient: first.user.email,
            payload: email.payload(), createdAt: now
        )
        try await resets.create(reset, email: message)
        logger.info("password reset emailed", metadata: ["userId": "\(first.user.userId)"])
    }

    /// Whether the link of `token` still works.
    package func isOpen(token: String) async throws -> Bool {
        guard Self.isWellFormed(token) else { return false }
        return try await resets.reset(tokenHash: InvitationToken.hash(token), now: clock.now()) != nil
    }

    /// Sets `password` (typed twice) on the accounts of the link of `token`, and ends their sessions.
    ///
    /// - Returns: what is wrong with the password (messages, as the acceptance page shows them), empty when it was
    ///   set; `nil` when the link no longer works (used, expired, unknown).
    package func reset(token: String, password: String, confirmation: String) async throws -> [String]? {
        guard try await isOpen(token: token) else { return nil }
        var problems = PasswordRule.messages(for: password)
        if password != confirmation { problems.append("the two passwords differ") }
        guard problems.isEmpty else { return problems }
        let hash = try await hasher.hash(password)
        guard
            let changed = try await resets.complete(
                tokenHash: InvitationToken.hash(token), passwordHash: hash, now: clock.now().roundedToMilliseconds)
        else {
            return nil
        }
        logger.info("password reset", metadata: ["accounts": "\(changed.count)"])
        return []
    }

    /// `avr_` and base64url characters, as ``requestReset(email:clientAddress:)`` makes them.
    private static func isWellFormed(_ token: String) -> Bool {
        token.hasPrefix("avr_") && token.count <= 64
            && token.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
                        || scalar == "_")
            }
    }
}
