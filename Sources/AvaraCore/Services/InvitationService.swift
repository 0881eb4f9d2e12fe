import Crypto
import Foundation
import Logging
import Synchronization

/// Invites users: checks each invite against its product's rules, gives it an id, an invitation token and an
/// email, and commits the three together.
///
/// Every way in (the API, and the surfaces to come) calls ``invite(product:fields:clinic:idempotency:)`` with
/// the fields it received, so the rules hold whatever the way in.
package struct InvitationService: Sendable {
    private let commits: GroupCommit<NewInvite, InviteOutcome>
    package let rules: RuleBook
    package let invitations: any InvitationRepository
    package let clock: any ServiceClock
    package let random: any RandomSource
    package let links: InvitationLinks
    package let inviteTTL: Duration
    package let mailFrom: MailAddress
    package let logger: Logger

    package init(
        rules: RuleBook,
        users: any UserRepository,
        invitations: any InvitationRepository,
        clock: any ServiceClock,
        random: any RandomSource,
        links: InvitationLinks,
        inviteTTL: Duration,
        mailFrom: MailAddress,
        writerLoad: WriterLoad?,
        commitExecutor: any TaskExecutor,
        logger: Logger
    ) {
        self.commits = GroupCommit(maxBatchSize: 128, load: writerLoad, executor: commitExecutor) {
            try await users.insertInvites($0)
        }
        self.rules = rules
        self.invitations = invitations
        self.clock = clock
        self.random = random
        self.links = links
        self.inviteTTL = inviteTTL
        self.mailFrom = mailFrom
        self.logger = logger
    }

    /// Creates a user of `product` from the fields of an invite, and queues the invitation email.
    ///
    /// - Parameter idempotency: The request's claim on a fresh idempotency key, if it sent one: the key is then
    ///   stored with the invite's answer in the invite's transaction.
    /// - Throws: ``ServiceError/invalid(_:)`` listing every rule the fields break, in which case nothing is written;
    ///   ``ServiceError/emailTaken(_:)`` when the clinic already has a user with this email (in any case) in the
    ///   product; ``ServiceError/idempotencyKeyTaken`` when another request with the same key committed first.
    package func invite(
        product: Product, fields: [String: JSONValue], clinic: Clinic, idempotency: IdempotencyClaim? = nil
    ) async throws -> UserRecord {
        let request = try InviteValidator(rules: rules[product]).request(from: fields).get()
        return try await commit(request, clinic: clinic, idempotency: idempotency)
    }

    /// Creates the user `request` describes, once it passes its product's rules, and queues the invitation email.
    ///
    /// - Throws: as ``invite(product:fields:clinic:idempotency:)``.
    package func invite(
        _ request: InviteRequest, clinic: Clinic, idempotency: IdempotencyClaim? = nil
    ) async throws -> UserRecord {
        try await invite(product: request.product, fields: request.fields, clinic: clinic, idempotency: idempotency)
    }

    /// Commits a valid invite.
    private func commit(
        _ request: InviteRequest, clinic: Clinic, idempotency: IdempotencyClaim?
    ) async throws -> UserRecord {
        let now = clock.now().roundedToMilliseconds
        var user = UserRecord(request, userId: "usr_\(random.hex(16))", clinicId: clinic.clinicId, createdAt: now)
        let token = InvitationToken.make(at: now, random: random)
        let invitation = InvitationRecord(
            invitationId: TimeOrderedID.make(prefix: "inv_", at: now, random: random),
            tokenHash: InvitationToken.hash(token),
            createdAt: now,
            expiresAt: now.addingTimeInterval(inviteTTL.seconds)
        )
        user.invitation = InvitationState(status: .pending, expiresAt: invitation.expiresAt)
        let outbox = try invitationEmail(
            to: user, clinicName: clinic.name, invitationId: invitation.invitationId, token: token,
            expiresAt: invitation.expiresAt, now: now
        )
        let keyRecord = try idempotency?.record(created: user)
        let invite = NewInvite(user: user, invitation: invitation, email: outbox, idempotency: keyRecord)
        switch try await commits.submit(invite) {
        case .created(let stored):
            logger.debug(
                "user invited",
                metadata: ["userId": "\(stored.userId)", "product": "\(stored.product.rawValue)", "clinicId": "\(clinic.clinicId)"]
            )
            return stored
        case .duplicateEmail:
            throw ServiceError.emailTaken(request.product)
        case .idempotencyKeyTaken:
            throw ServiceError.idempotencyKeyTaken
        }
    }
}

extension InvitationService {
    /// The outbox message inviting `user` with the link of `token`.
    package func invitationEmail(
        to user: UserRecord, clinicName: String, invitationId: String, token: String, expiresAt: Date, now: Date
    ) throws -> OutboxMessage {
        let email = QueuedInvitationEmail(
            messageId: "\(invitationId).\(random.hex(8))@avara", date: now, from: mailFrom,
            to: MailAddress(name: user.fullName, address: user.email), productName: user.product.displayName,
            clinicName: clinicName, clinicRole: user.clinicRole, level: user.level,
            acceptURL: links.acceptURL(token: token), expiresAt: expiresAt
        )
        return OutboxMessage(
            messageId: email.messageId, userId: user.userId, recipient: user.email,
            payload: email.payload(), createdAt: now
        )
    }
}

/// Invitation tokens: the time they were made, then 32 random bytes, in the link; only a hash in the database.
///
/// A token is 12 hex digits of its creation time in milliseconds followed by 32 random bytes in base64url
/// (55 characters). Its stored form is that time prefix in clear followed by the SHA-256 of the whole token, so
/// the unique index on stored tokens grows at its end, like the time-ordered ids (``TimeOrderedID``), instead of
/// taking a write on a random page per invite. The prefix says nothing an attacker can use: the 32 random bytes
/// are the secret. Tokens of the earlier form (the 32 random bytes alone) are stored as their plain SHA-256 and
/// keep working.
package enum InvitationToken {
    /// A new token made at `instant`.
    package static func make(at instant: Date, random: any RandomSource) -> String {
        TimeOrderedID.timePrefix(at: instant) + random.base64URL(32)
    }

    /// The stored form of `token`.
    package static func hash(_ token: String) -> String {
        let digest = SHA256.hash(data: Array(token.utf8)).hexString
        guard token.utf8.count == TimeOrderedID.timePrefixLength + 43,
            token.utf8.prefix(TimeOrderedID.timePrefixLength).allSatisfy(\.isLowercaseHexDigit)
        else { return digest }
        return String(token.prefix(TimeOrderedID.timePrefixLength)) + digest
    }
}

extension UInt8 {
    fileprivate var isLowercaseHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
    }
}

/// Builds the links that go into emails from the service's public URL.
///
/// Without a configured public URL the base is `http://HOST:PORT`; when the service listens on port 0 (a free port
/// the system picks) the base follows the bound port once it is known (``bind(port:)``).
package final class InvitationLinks: Sendable {
    private let base: Mutex<String>
    private let followsBoundPort: Bool

    /// - Parameter publicURL: e.g. `https://avara.example.org`; a trailing slash is ignored.
    package init(publicURL: String) {
        base = Mutex(Self.trimmed(publicURL))
        followsBoundPort = false
    }

    /// The base for a service without a configured public URL: `base` (`http://HOST:PORT`), which follows the
    /// port the server binds (``bind(port:host:)``) when `followsBoundPort` (a service on port 0).
    package init(base: String, followsBoundPort: Bool) {
        self.base = Mutex(Self.trimmed(base))
        self.followsBoundPort = followsBoundPort
    }

    /// Records the port the server listens on, for a base that follows it.
    package func bind(port: Int, host: String) {
        guard followsBoundPort else { return }
        let bound = "http://\(URLAuthority.hostAndPort(host, port))"
        base.withLock { $0 = bound }
    }

    /// `{public-url}/invitations/{token}`.
    package func acceptURL(token: String) -> String {
        "\(base.withLock { $0 })/invitations/\(token)"
    }

    private static func trimmed(_ url: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
