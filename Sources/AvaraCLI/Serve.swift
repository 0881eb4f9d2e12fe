import ArgumentParser
import AvaraCore
import AvaraMail
import AvaraService
import AvaraStorage
import AvaraSupport
import Foundation
import Hummingbird
import Logging

/// `avara serve`: runs the HTTP API and the mail outbox until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the invitation service.",
        discussion: """
            On a database without any clinic, creates "Default Clinic" and prints its API key once.
            SIGINT or SIGTERM stop it gracefully: requests in flight finish first.
            """
    )

    @Option(name: .long, help: "Interface to listen on (env AVARA_HOST; default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "TCP port (env AVARA_PORT; default 8080).")
    var port: Int?

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .long, help: "Folder for outgoing mail as .eml files (env AVARA_OUTBOX_DIR; default outbox).")
    var outbox: String?

    @Option(
        name: .customLong("public-url"),
        help: "Base of links in emails (env AVARA_PUBLIC_URL; default http://HOST:PORT).")
    var publicURL: String?

    @Option(
        name: .customLong("smtp-url"),
        help: """
            SMTP server for outgoing mail: smtp://user:pass@host:587 (STARTTLS when offered), smtps://user:pass@host \
            (implicit TLS) or smtp://host:25 (no AUTH); percent-encode @ : / in the user and password \
            (env AVARA_SMTP_URL; default none: .eml files in --outbox).
            """
    )
    var smtpURL: String?

    @Option(
        name: .customLong("smtp-tls"),
        help: """
            required: nothing is sent unless the SMTP connection is encrypted (STARTTLS or smtps://); \
            opportunistic: STARTTLS when the server offers it (env AVARA_SMTP_TLS; default opportunistic for a \
            relay on loopback without credentials, else required).
            """
    )
    var smtpTLS: String?

    @Option(
        name: .customLong("mail-from"),
        help: """
            Sender of invitation emails, "Name <address>" or address: the From header and the SMTP envelope sender \
            (env AVARA_MAIL_FROM; default "Avara <no-reply@avara.localhost>").
            """
    )
    var mailFrom: String?

    @Option(
        name: .customLong("invite-ttl"),
        help: "How long invitation links work: 7d, 36h, 90m or 3600s (env AVARA_INVITE_TTL; default 7d)."
    )
    var inviteTTL: String?

    @Option(
        name: .long,
        help: """
            Folder of Mustache templates replacing the built-in emails: viewer/ and autoScribe/, each with             subject.mustache, text.mustache and html.mustache; missing ones stay built-in (env AVARA_TEMPLATES_DIR).
            """
    )
    var templates: String?

    @Option(
        name: .customLong("resend-cooldown"),
        help: """
            How long after a resend another resend of the same user is refused, 1 second to 1 day: 60s, 5m \
            (env AVARA_RESEND_COOLDOWN; default 60s).
            """
    )
    var resendCooldown: String?

    @Option(
        name: .customLong("trusted-proxy"),
        help: """
            A load balancer or proxy whose forwarded header (--forwarded-header) names the client, as an address \
            or a CIDR range; repeat it or separate with commas (env AVARA_TRUSTED_PROXIES; default none: the peer \
            is the client).
            """
    )
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("forwarded-header"),
        help: """
            The one header the trusted proxies name the client in, x-forwarded-for or forwarded; the other is \
            ignored (env AVARA_FORWARDED_HEADER; default x-forwarded-for).
            """
    )
    var forwardedHeader: String?

    @OptionGroup var limits: ServeLimitOptions

    @OptionGroup var webhooks: ServeWebhookOptions

    func run() async throws {
        var configuration = try databaseOptions.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = try ServiceConfiguration.port(String(port)) }
        if let outbox { configuration.outboxDirectory = outbox }
        if let publicURL { configuration.publicURL = publicURL }
        if let smtpURL { configuration.smtpURL = try SMTPServerURL(smtpURL) }
        if let smtpTLS { configuration.smtpTLS = try ServiceConfiguration.smtpTLS(smtpTLS, option: "--smtp-tls") }
        if let mailFrom { configuration.mailFrom = try MailAddress(parsing: mailFrom) }
        if let inviteTTL { configuration.inviteTTL = try ServiceConfiguration.duration(inviteTTL) }
        if let templates { configuration.templatesDirectory = templates }
        if let resendCooldown {
            configuration.resendCooldown = try ServiceConfiguration.resendCooldown(
                resendCooldown, option: "--resend-cooldown"
            )
        }
        if !trustedProxies.isEmpty {
            configuration.trustedProxies = try trustedProxies.flatMap {
                try ServiceConfiguration.trustedProxies($0, option: "--trusted-proxy")
            }
        }

        if let forwardedHeader {
            configuration.forwardedHeader = try ForwardedHeader(forwardedHeader, option: "--forwarded-header")
        }
        try limits.apply(to: &configuration)
        webhooks.apply(to: &configuration)

        // Before anything is opened: a second server of one SQLite file would deliver its mail twice.
        let serveLock = try configuration.sqlitePathIfAny().map(SQLiteServeLock.init(databasePath:))
        defer { withExtendedLifetime(serveLock) {} }
        let logger = bootstrapLogging()
        if let smtpURL = configuration.smtpURL {
            logger.info("mail is delivered by SMTP", metadata: ["server": "\(smtpURL)"])
        }
        if configuration.smtpURL != nil, configuration.mailFrom == ServiceConfiguration().mailFrom {
            logger.warning(
                "no --mail-from: mail is sent as no-reply@avara.localhost, which most relays refuse; set --mail-from"
            )
        }
        let environment = try await ServiceEnvironment.open(configuration: configuration, logger: logger)
        let location = try configuration.databaseLocation()
        logger.info(
            "database ready", metadata: ["backend": "\(environment.store.backendName)", "database": "\(location)"])
        let seeded = try await environment.services.clinics.createDefaultClinicIfNone()
        let host = configuration.host
        let app = try buildApplication(environment: environment) { port in
            // Written once listening, with the bound port (port 0 picks a free one), unbuffered so that a pipe
            // or a log sees it at once.
            var text = "avara listening on \(SeedBanner.baseURL(host: host, port: port))\n"
            if let seeded {
                text += "\n" + SeedBanner(seeded: seeded, host: host, port: port).text + "\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        try await ServiceRunner(grace: configuration.shutdownGrace, logger: logger).run(app)
    }
}

/// What `serve` prints when it created the first clinic: the key, once, and a request to paste.
struct SeedBanner {
    let seeded: ClinicService.Provisioned
    let host: String
    let port: Int

    /// Where a local client reaches a server listening on `host`:`port`.
    static func baseURL(host: String, port: Int) -> String {
        let reachable = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        return "http://\(URLAuthority.hostAndPort(reachable, port))"
    }

    var text: String {
        let base = Self.baseURL(host: host, port: port)
        return """
            Created clinic "\(seeded.clinic.name)" (\(seeded.clinic.clinicId)) with an API key.
            It is shown only this once; store it now:

                \(seeded.apiKey)

            Invite a first user:

            curl -i \(base)/v1/viewer/users \\
              -H 'Authorization: Bearer \(seeded.apiKey)' \\
              -H 'Content-Type: application/json' \\
              -d '{"canManageStudies": true, "clinicRole": "Radiologist", "email": "dr.johnson@hospital.org", "firstName": "Sarah", "hasDashboardAccess": true, "lastName": "Johnson", "level": "member"}'

            """
    }
}
