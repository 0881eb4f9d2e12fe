import Foundation
import Logging

/// Invites users: checks each invite against its product's rules, gives it an id, an invitation token and an
/// email, and commits the three together.
///
/// Every way in (the API, the dashboard, SCIM) calls ``invite(product:fields:context:idempotency:)`` with the
/// fields it received and its ``CommandContext``, so the rules, the permissions and the events hold whatever the
/// way in.
package struct InvitationService: Sendable {
    private let commits: GroupCommit<NewInvite, InviteOutcome>
    package let rules: RuleBook
    package let invitations: any InvitationRepository
    package let clock: any ServiceClock
    package let random: any RandomSource
    package let links: InvitationLinks
    package let inviteTTL: Duration
    /// How long after a resend another resend of the user is refused.
    package let resendCooldown: Duration
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
        resendCooldown: Duration,
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
        self.resendCooldown = resendCooldown
        self.mailFrom = mailFrom
        self.logger = logger
    }

    /// Creates a user of `product` in the context's clinic from the fields of an invite, queues the invitation
    /// email and records `user.invited`.
    ///
    /// - Parameter idempotency: The request's claim on a fresh idempotency key, if it sent one: the key is then
    ///   stored with the invite's answer in the invite's transaction.
    /// - Throws: ``ServiceError/forbidden(_:)`` when the actor may not invite into `product`;
    ///   ``ServiceError/invalid(_:)`` listing every rule the fields break, in which case nothing is written;
    ///   ``ServiceError/emailTaken(_:)`` when the clinic already has a user with this email (in any case) in the
    ///   product; ``ServiceError/idempotencyKeyTaken`` when another request with the same key committed first.
    package func invite(
        product: Product, fields: [String: JSONValue], context: CommandContext, idempotency: IdempotencyClaim? = nil
    ) async throws -> UserRecord {
        try Permissions.checkAdministers(product, in: context)
        let request = try InviteValidator(rules: rules[product]).request(from: fields).get()
        return try await commit(request, context: context, idempotency: idempotency)
    }

    /// Invites the user an identity provider creates (SCIM): ``invite(product:fields:context:idempotency:)`` with
    /// what only the provider gives (its id and name of the user, whether the user is active) stored with the user,
    /// in the same transaction. A user created inactive gets the invitation too; its link works once active.
    package func provision(
        product: Product, fields: [String: JSONValue], identity: ProvidedIdentity, context: CommandContext
    ) async throws -> UserRecord {
        try Permissions.checkAdministers(product, in: context)
        let request = try InviteValidator(rules: rules[product]).request(from: fields).get()
        return try await commit(request, context: context, idempotency: nil, identity: identity)
    }

    /// Creates the user `request` describes, once it passes its product's rules, and queues the invitation email.
    ///
    /// - Throws: as ``invite(product:fields:context:idempotency:)``.
    package func invite(
        _ request: InviteRequest, context: CommandContext, idempotency: IdempotencyClaim? = nil
    ) async throws -> UserRecord {
        try await invite(product: request.product, fields: request.fields, context: context, idempotency: idempotency)
    }

    /// Commits a valid invite.
    ///
    /// - Parameter owner: Whether the user is made an owner (``Permissions/ownerLevel``, invited from the dashboard
    ///   whatever the surface), and whether their invitation has an email (an owner's second product has none: the
    ///   email of the first opens it).
    /// - Parameter identity: What the identity provider gives of a user it provisions.
    func commit(
        _ request: InviteRequest, context: CommandContext, idempotency: IdempotencyClaim?,
        owner: (isOwner: Bool, emailed: Bool) = (false, true), identity: ProvidedIdentity = ProvidedIdentity()
    ) async throws -> UserRecord {
        let clinic = context.clinic
        let now = clock.now().roundedToMilliseconds
        var user = UserRecord(
            request, userId: "usr_\(random.hex(16))", clinicId: clinic.clinicId,
            invitedSource: owner.isOwner ? "dashboard" : context.invitedSource, createdAt: now
        )
        if owner.isOwner { user.level = Permissions.ownerLevel }
        user.externalId = identity.externalId
        user.providerUserName = identity.userName
        user.active = identity.active
        let token = InvitationToken.make(at: now, random: random)
        let invitation = InvitationRecord(
            invitationId: TimeOrderedID.make(prefix: "inv_", at: now, random: random),
            tokenHash: InvitationToken.hash(token),
            createdAt: now,
            expiresAt: now.addingTimeInterval(inviteTTL.seconds)
        )
        user.invitation = InvitationState(
            status: .pending, expiresAt: invitation.expiresAt, email: owner.emailed ? .queued : nil)
        let outbox =
            owner.emailed
            ? try invitationEmail(
                to: user, clinicName: clinic.name, invitationId: invitation.invitationId, token: token,
                tokenHash: invitation.tokenHash, expiresAt: invitation.expiresAt, now: now
            ) : nil
        let keyRecord = idempotency?.record(succeeded: user)
        let event = context.event(
            .userInvited, product: user.product, subjectId: user.userId, data: user.eventData, at: now, random: random
        )
        let invite = NewInvite(user: user, invitation: invitation, email: outbox, event: event, idempotency: keyRecord)
        switch try await commits.submit(invite) {
        case .created(let stored):
            DomainCounters.inviteCreated(product: stored.product)
            logger.debug(
                "user invited",
                metadata: [
                    "userId": "\(stored.userId)", "product": "\(stored.product.rawValue)",
                    "clinicId": "\(clinic.clinicId)",
                ]
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
    /// The outbox message inviting `user` with the link of `token` (whose hash is `tokenHash`).
    package func invitationEmail(
        to user: UserRecord, clinicName: String, invitationId: String, token: String, tokenHash: String,
        expiresAt: Date, now: Date
    ) throws -> OutboxMessage {
        let email = QueuedEmail(
            messageId: "\(invitationId).\(random.hex(8))@avara", date: now, from: mailFrom,
            to: MailAddress(name: user.fullName, address: user.email), productName: user.product.displayName,
            clinicName: clinicName, clinicRole: user.clinicRole, level: user.level,
            acceptURL: links.acceptURL(token: token), expiresAt: expiresAt
        )
        return OutboxMessage(
            messageId: email.messageId, userId: user.userId, tokenHash: tokenHash, recipient: user.email,
            payload: email.payload(), createdAt: now
        )
    }
}
