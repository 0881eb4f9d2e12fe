import AvaraCore
import AvaraMail
import AvaraStorage
import AvaraWebhooks
import Foundation
import Logging

/// The opened resources of one service process: the database, the repositories over it, and the clock and random
/// source everything uses.
///
/// Open it once with ``open(configuration:clock:random:passwordPool:passwordCost:logger:)`` and pass it to ``buildRouter(environment:)`` and
/// ``buildApplication(configuration:environment:)``; tests build their router from it too.
package struct ServiceEnvironment: Sendable {
    package let configuration: ServiceConfiguration
    package let store: any DatabaseStore
    package let clinics: any ClinicRepository
    package let users: any UserRepository
    /// The outbox, of mail and webhook deliveries: one instance per process, since the claims of a process alone
    /// with its database (SQLite) live in it.
    package let outbox: SQLOutboxRepository
    package let clock: any ServiceClock
    package let random: any RandomSource
    package let logger: Logger
    /// The invitation emails' templates, built-in or the operator's.
    package let templates: MailTemplates
    /// The base of the links in emails.
    package let links: InvitationLinks
    /// How busy the database writer is with invites, so that mail waits for a burst to pass.
    package let writerLoad = WriterLoad()
    /// The threads that hash passwords: ``PasswordWorkPool/shared`` unless a test gives its own.
    package let passwordPool: PasswordWorkPool
    /// bcrypt's work factor for new hashes and decoy checks: ``BcryptPasswordHasher/defaultCost`` unless a test that
    /// is not about hashing asks for a cheaper one.
    package let passwordCost: UInt8
    /// The core's services, built once with the environment and shared by every surface.
    package let services: CoreServices
    /// What seals the webhook secrets; `nil` without a secret key (see ``ServiceConfiguration/secretBox(random:)``).
    package let secretBox: SecretBox?
    /// How webhook hosts are resolved for their address checks.
    package let hostResolver: any HostResolver

    /// Checks `configuration` (``ServiceConfiguration/validate()``), opens the database it names (a SQLite file or a
    /// PostgreSQL database) and migrates it to the current schema. Close ``store`` when done.
    package static func open(
        configuration: ServiceConfiguration,
        clock: any ServiceClock = SystemClock(),
        random: any RandomSource = SystemRandomSource(),
        passwordPool: PasswordWorkPool = .shared,
        passwordCost: UInt8 = BcryptPasswordHasher.defaultCost,
        logger: Logger
    ) async throws -> ServiceEnvironment {
        try configuration.validate()
        let location = try configuration.databaseLocation()
        let templates = try await MailTemplates.load(overrides: configuration.templatesDirectory)
        let secretBox = try configuration.secretBox(random: random)
        if configuration.allowsInsecureWebhooks {
            logger.warning(
                "webhook endpoints may be http:// URLs and reach loopback and private addresses (--allow-insecure-webhooks)"
            )
        }
        if secretBox == nil {
            logger.notice("no secret key (AVARA_SECRET_KEY or --secret-key-file): webhook endpoints cannot be made")
        }
        let store = try await location.open(operationTimeout: configuration.databaseTimeout, logger: logger)
        do {
            try await Migrator.migrate(store, clock: clock, logger: logger)
        } catch {
            try? await store.close()
            throw error
        }
        return ServiceEnvironment(
            configuration: configuration, store: store, clock: clock, random: random, logger: logger,
            templates: templates, passwordPool: passwordPool, passwordCost: passwordCost, secretBox: secretBox
        )
    }

    /// The environment over an opened, migrated `store`: its repositories are built over it, and its links from
    /// `configuration`.
    package init(
        configuration: ServiceConfiguration, store: any DatabaseStore, clock: any ServiceClock,
        random: any RandomSource, logger: Logger, templates: MailTemplates, passwordPool: PasswordWorkPool,
        passwordCost: UInt8 = BcryptPasswordHasher.defaultCost, secretBox: SecretBox?,
        hostResolver: any HostResolver = SystemHostResolver()
    ) {
        self.secretBox = secretBox
        self.hostResolver = hostResolver
        self.configuration = configuration
        self.store = store
        clinics = SQLClinicRepository(store: store)
        users = SQLUserRepository(store: store)
        outbox = SQLOutboxRepository(store: store)
        self.clock = clock
        self.random = random
        self.logger = logger
        self.templates = templates
        let links = InvitationLinks(configuration: configuration)
        self.links = links
        self.passwordPool = passwordPool
        self.passwordCost = passwordCost
        let accounts = SQLAccountRepository(store: store)
        let hasher = BcryptPasswordHasher(cost: passwordCost, pool: passwordPool)
        let invitations = InvitationService(
            rules: RuleBook.standard, users: users, invitations: SQLInvitationRepository(store: store),
            clock: clock, random: random, links: links, inviteTTL: configuration.inviteTTL,
            resendCooldown: configuration.resendCooldown, mailFrom: configuration.mailFrom,
            writerLoad: writerLoad, commitExecutor: store.writeExecutor, logger: logger
        )
        let directory = UserDirectoryService(
            rules: RuleBook.standard, directory: SQLUserDirectory(store: store), clock: clock, random: random,
            logger: logger
        )
        services = CoreServices(
            invitations: invitations,
            users: directory,
            apiKeys: APIKeyService(
                repository: SQLAPIKeyRepository(store: store), owners: clinics,
                cache: AuthenticatedKeyCache(clock: clock), clock: clock, random: random, logger: logger
            ),
            logins: LoginService(
                accounts: accounts, hasher: hasher, throttle: SQLLoginThrottle(store: store, clock: clock),
                clock: clock, random: random, logger: logger
            ),
            passwordResets: PasswordResetService(
                resets: SQLPasswordResetRepository(store: store), accounts: accounts, hasher: hasher,
                throttle: SQLLoginThrottle(store: store, clock: clock), links: links, mailFrom: configuration.mailFrom,
                clock: clock, random: random, logger: logger
            ),
            acceptance: AcceptanceService(
                accounts: accounts, hasher: hasher, clock: clock, random: random, logger: logger
            ),
            clinics: ClinicService(clinics: clinics, clock: clock, random: random),
            events: EventService(log: SQLEventLog(store: store)),
            webhooks: WebhookService(
                repository: SQLWebhookEndpointRepository(store: store),
                urlRule: WebhookURLRule(allowsInsecure: configuration.allowsInsecureWebhooks, resolver: hostResolver),
                box: secretBox, clock: clock, random: random, logger: logger
            ),
            provisioning: ProvisioningService(
                rules: RuleBook.standard, repository: SQLProvisioningDefaultsRepository(store: store),
                invitations: invitations, users: directory)
        )
    }

    /// The mail transport the configuration selects: the SMTP server of `smtpURL` when set, else `.eml` files in
    /// the outbox folder.
    package func mailTransport() -> any MailTransport {
        if let smtp = configuration.smtpConfiguration {
            return SMTPTransport(configuration: smtp, logger: logger)
        }
        return FileMailTransport(directory: URL(fileURLWithPath: configuration.outboxDirectory))
    }

    /// The background delivery of queued mail.
    package func outboxDispatcher() -> OutboxDispatcher {
        OutboxDispatcher(
            outbox: outbox, transport: mailTransport(), templates: templates, clock: clock,
            claimDuration: configuration.outboxClaim, voidsClaimsAtStart: !store.isSharedBetweenProcesses,
            writerLoad: writerLoad, channels: [webhookChannel()], random: random, logger: logger
        )
    }

    /// The delivery of webhooks, the outbox worker's second lane.
    package func webhookChannel() -> WebhookChannel {
        WebhookChannel(
            deliveries: outbox, urlRule: webhookURLRule, box: secretBox, clock: clock,
            random: random, logger: logger
        )
    }

    /// The rule webhook URLs are held to, at creation and at delivery.
    package var webhookURLRule: WebhookURLRule {
        WebhookURLRule(allowsInsecure: configuration.allowsInsecureWebhooks, resolver: hostResolver)
    }
}
