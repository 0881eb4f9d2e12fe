import AvaraCore
import AvaraMail
import AvaraStorage
import AvaraSupport
import Foundation

/// How `avara serve` runs: where it listens, where it keeps data and mail, how it builds links.
///
/// Every key has a command-line option and an environment variable (see ``init(environment:)``).
package struct ServiceConfiguration: Sendable, Equatable {
    /// Interface to listen on. `--host`, `AVARA_HOST`; default `127.0.0.1`.
    package var host: String = "127.0.0.1"
    /// TCP port. `--port`, `AVARA_PORT`; default `8080`.
    package var port: Int = 8080
    /// The database: a SQLite file path or a `postgres://` URL (see ``DatabaseLocation``). `--database`,
    /// `AVARA_DATABASE_URL`; default `avara.sqlite` in the working directory.
    package var database: String = "avara.sqlite"
    /// Folder receiving one `.eml` file per message. `--outbox`, `AVARA_OUTBOX_DIR`; default `outbox`.
    package var outboxDirectory: String = "outbox"
    /// Base of links in emails. `--public-url`, `AVARA_PUBLIC_URL`; default `http://HOST:PORT`.
    package var publicURL: String?
    /// How long an invitation link stays valid. `--invite-ttl`, `AVARA_INVITE_TTL` (e.g. `7d`, `36h`, `90m`);
    /// default 7 days.
    package var inviteTTL: Duration = .seconds(7 * 24 * 3600)
    /// How long after a resend another resend of the same user is refused (`429` with `Retry-After`): each resend
    /// sends an email. `--resend-cooldown`, `AVARA_RESEND_COOLDOWN` (`60s`, `5m`; 1 second to 1 day); default 60
    /// seconds.
    package var resendCooldown: Duration = .seconds(60)
    /// A folder of Mustache templates replacing the built-in invitation emails (see ``MailTemplates``).
    /// `--templates`, `AVARA_TEMPLATES_DIR`; default none: the built-in templates.
    package var templatesDirectory: String?
    /// The sender of invitation emails: their From header and, over SMTP, the envelope sender (`MAIL FROM`).
    /// `--mail-from`, `AVARA_MAIL_FROM` (`Name <address>` or a bare address); default
    /// `Avara <no-reply@avara.localhost>`.
    package var mailFrom = MailAddress(name: "Avara", address: "no-reply@avara.localhost")
    /// The SMTP server that delivers mail, with its credentials. `--smtp-url`, `AVARA_SMTP_URL`
    /// (`smtp://user:pass@host:587`, `smtps://user:pass@host`, `smtp://host:25`); default none: mail is written as
    /// `.eml` files into ``outboxDirectory``.
    package var smtpURL: SMTPServerURL?
    /// A PEM file of CA certificates to trust, besides the system's, for the SMTP server's certificate (a relay
    /// with a private CA). `AVARA_SMTP_CA_FILE`; default none.
    package var smtpCAFile: String?
    /// Whether SMTP needs TLS: `required` (nothing is sent unless the connection is encrypted) or `opportunistic`
    /// (STARTTLS when offered). `--smtp-tls`, `AVARA_SMTP_TLS`; default `opportunistic` for a relay on loopback
    /// without credentials, else `required`: credentials and invitation links never cross a network in clear text
    /// because an attacker stripped STARTTLS.
    package var smtpTLS: SMTPConfiguration.TLSPolicy?
    /// The service's secret key, base64 of 32 bytes, which seals the webhook signing secrets in the database.
    /// `AVARA_SECRET_KEY` (never an option: it would show in the process list); default none: see
    /// ``secretKeyFile``.
    package var secretKey: String?
    /// A file holding the secret key as base64. `--secret-key-file`, `AVARA_SECRET_KEY_FILE`; default, for a SQLite
    /// database, `<database>.secret-key` beside it, created `0600` when missing. Replicas of a PostgreSQL
    /// database must share one key: without ``secretKey`` or this file, they make no webhook endpoint.
    package var secretKeyFile: String?
    /// Whether webhook endpoints may be `http://` URLs and reach loopback and private addresses (tests, closed
    /// networks). `--allow-insecure-webhooks`, `AVARA_ALLOW_INSECURE_WEBHOOKS=1`; default off, and said in the log
    /// at start when on.
    package var allowsInsecureWebhooks = false
    /// How long a replica holds the outbox messages it is delivering before another may take them over (the time a
    /// dead replica's mail waits). `AVARA_OUTBOX_CLAIM` (`5m`, `30s`; 10 seconds to 1 hour); default 5 minutes.
    package var outboxClaim: Duration = .seconds(300)
    /// The proxies (load balancers) whose `Forwarded` or `X-Forwarded-For` says which client a request comes from,
    /// as addresses or CIDR ranges. `--trusted-proxy` (repeatable), `AVARA_TRUSTED_PROXIES` (comma-separated);
    /// default none: the connection's peer is the client.
    package var trustedProxies: [IPAddressRange] = []
    /// The one header the trusted proxies name the client in; the other is ignored. `--forwarded-header`,
    /// `AVARA_FORWARDED_HEADER` (`x-forwarded-for` or `forwarded`); default `x-forwarded-for`.
    package var forwardedHeader: ForwardedHeader = .xForwardedFor
    /// How long sent and failed outbox messages and expired sessions are kept before they are deleted.
    /// `--retention`, `AVARA_RETENTION` (`30d`, `12h`; 1 hour to 10 years); default 30 days.
    package var retention: Duration = .seconds(30 * 86_400)
    /// How long the clinics' events (the audit log) are kept before they are deleted. `--event-retention`,
    /// `AVARA_EVENT_RETENTION` (`365d`; 1 hour to 10 years); default 365 days.
    package var eventRetention: Duration = .seconds(365 * 86_400)
    /// Requests a second each API key may make, per replica; `0` turns limiting off. `--rate-limit`,
    /// `AVARA_RATE_LIMIT`; default 1,000 (a roster import at full speed stays under it).
    package var rateLimit: Int = 1000
    /// Requests an API key may make at once before the rate applies. `--rate-limit-burst`,
    /// `AVARA_RATE_LIMIT_BURST`; default 2,000.
    package var rateLimitBurst: Int = 2000
    /// Requests a second all the API keys of one clinic may make together, per replica, so that minting keys does
    /// not multiply ``rateLimit``; a burst of twice as many; `0` turns it off. `--clinic-rate-limit`,
    /// `AVARA_CLINIC_RATE_LIMIT`; default 2,000.
    package var clinicRateLimit: Int = 2000
    /// Requests a second one client address (an IPv6 client's /64) may make, per replica, without an API key this
    /// replica verified lately (no key, a wrong or unknown one, each of which costs a database read); a burst of
    /// five times as many; `0` turns it off. `--unauthenticated-rate-limit`, `AVARA_UNAUTHENTICATED_RATE_LIMIT`;
    /// default 20.
    package var unauthenticatedRateLimit: Int = 20
    /// How long SIGTERM or SIGINT waits for requests in flight and background work before cancelling them (the
    /// process ends 3 seconds after at the latest). `--shutdown-grace`, `AVARA_SHUTDOWN_GRACE` (1 second to 1
    /// hour); default 10 seconds.
    package var shutdownGrace: Duration = .seconds(10)
    /// The longest a request's read or transaction on PostgreSQL may take, waiting for a connection included; past
    /// it the request answers 503 with `Retry-After` instead of waiting for a server that is down or swamped.
    /// `--database-timeout`, `AVARA_DATABASE_TIMEOUT` (1 second to 1 hour); default 5 seconds.
    package var databaseTimeout: Duration = .seconds(5)
    /// The port of the separate listener serving `GET /metrics` (Prometheus' text format), on ``metricsHost``.
    /// `--metrics-port`, `AVARA_METRICS_PORT`; default none: no metrics are collected or served.
    package var metricsPort: Int?
    /// The interface of the metrics listener: loopback, so that what the service counts is not served to the
    /// world with the API on `--host 0.0.0.0`. `--metrics-host`, `AVARA_METRICS_HOST`; default `127.0.0.1`.
    package var metricsHost: String = "127.0.0.1"
    /// Timeouts and the connection cap of the HTTP server (see ``ConnectionLimits``).
    package var connections = ConnectionLimits()

    package init() {}

    /// The defaults, overridden by whichever `AVARA_*` variables are set in `environment`.
    package init(environment: [String: String]) throws {
        if let host = environment["AVARA_HOST"], !host.isEmpty { self.host = host }
        if let port = environment["AVARA_PORT"], !port.isEmpty { self.port = try Self.port(port) }
        if let database = environment["AVARA_DATABASE_URL"], !database.isEmpty { self.database = database }
        if let outbox = environment["AVARA_OUTBOX_DIR"], !outbox.isEmpty { self.outboxDirectory = outbox }
        if let url = environment["AVARA_PUBLIC_URL"], !url.isEmpty { self.publicURL = url }
        if let ttl = environment["AVARA_INVITE_TTL"], !ttl.isEmpty { self.inviteTTL = try Self.duration(ttl) }
        if let cooldown = environment["AVARA_RESEND_COOLDOWN"], !cooldown.isEmpty {
            self.resendCooldown = try Self.resendCooldown(cooldown, option: "AVARA_RESEND_COOLDOWN")
        }
        if let folder = environment["AVARA_TEMPLATES_DIR"], !folder.isEmpty { self.templatesDirectory = folder }
        if let url = environment["AVARA_SMTP_URL"], !url.isEmpty { self.smtpURL = try SMTPServerURL(url) }
        if let tls = environment["AVARA_SMTP_TLS"], !tls.isEmpty {
            self.smtpTLS = try Self.smtpTLS(tls, option: "AVARA_SMTP_TLS")
        }
        if let from = environment["AVARA_MAIL_FROM"], !from.isEmpty { self.mailFrom = try MailAddress(parsing: from) }
        if let claim = environment["AVARA_OUTBOX_CLAIM"], !claim.isEmpty {
            self.outboxClaim = try Self.duration(
                claim, of: "AVARA_OUTBOX_CLAIM", within: 10...3600, described: "10 seconds and 1 hour"
            )
        }
        if let key = environment["AVARA_SECRET_KEY"], !key.isEmpty { self.secretKey = key }
        if let file = environment["AVARA_SECRET_KEY_FILE"], !file.isEmpty { self.secretKeyFile = file }
        if let insecure = environment["AVARA_ALLOW_INSECURE_WEBHOOKS"], !insecure.isEmpty {
            self.allowsInsecureWebhooks = ["1", "true", "yes"].contains(insecure.lowercased())
        }
        if let proxies = environment["AVARA_TRUSTED_PROXIES"], !proxies.isEmpty {
            self.trustedProxies = try Self.trustedProxies(proxies, option: "AVARA_TRUSTED_PROXIES")
        }
        if let header = environment["AVARA_FORWARDED_HEADER"], !header.isEmpty {
            self.forwardedHeader = try ForwardedHeader(header, option: "AVARA_FORWARDED_HEADER")
        }
        if let retention = environment["AVARA_RETENTION"], !retention.isEmpty {
            self.retention = try Self.retention(retention, option: "AVARA_RETENTION")
        }
        if let retention = environment["AVARA_EVENT_RETENTION"], !retention.isEmpty {
            self.eventRetention = try Self.retention(retention, option: "AVARA_EVENT_RETENTION")
        }
        if let rate = environment["AVARA_RATE_LIMIT"], !rate.isEmpty {
            self.rateLimit = try Self.rate(rate, option: "AVARA_RATE_LIMIT")
        }
        if let burst = environment["AVARA_RATE_LIMIT_BURST"], !burst.isEmpty {
            self.rateLimitBurst = try Self.count(burst, of: "AVARA_RATE_LIMIT_BURST", within: 1...10_000_000)
        }
        if let rate = environment["AVARA_CLINIC_RATE_LIMIT"], !rate.isEmpty {
            self.clinicRateLimit = try Self.rate(rate, option: "AVARA_CLINIC_RATE_LIMIT")
        }
        if let rate = environment["AVARA_UNAUTHENTICATED_RATE_LIMIT"], !rate.isEmpty {
            self.unauthenticatedRateLimit = try Self.rate(rate, option: "AVARA_UNAUTHENTICATED_RATE_LIMIT")
        }
        try readConnectionLimits(environment)
        if let port = environment["AVARA_METRICS_PORT"], !port.isEmpty { self.metricsPort = try Self.port(port) }
        if let host = environment["AVARA_METRICS_HOST"], !host.isEmpty { self.metricsHost = host }
        if let grace = environment["AVARA_SHUTDOWN_GRACE"], !grace.isEmpty {
            self.shutdownGrace = try Self.connectionTimeout(grace, option: "AVARA_SHUTDOWN_GRACE")
        }
        if let timeout = environment["AVARA_DATABASE_TIMEOUT"], !timeout.isEmpty {
            self.databaseTimeout = try Self.connectionTimeout(timeout, option: "AVARA_DATABASE_TIMEOUT")
        }
        if let file = environment["AVARA_SMTP_CA_FILE"], !file.isEmpty {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ConfigurationError("AVARA_SMTP_CA_FILE: cannot read \"\(file)\"")
            }
            self.smtpCAFile = file
        }
    }

    /// How the SMTP transport delivers, when ``smtpURL`` is set.
    package var smtpConfiguration: SMTPConfiguration? {
        smtpURL.map {
            SMTPConfiguration(server: $0, tls: smtpTLS, envelopeSender: mailFrom.address, trustRootsFile: smtpCAFile)
        }
    }

    /// Parses `required` or `opportunistic`.
    package static func smtpTLS(_ text: String, option: String) throws -> SMTPConfiguration.TLSPolicy {
        guard let policy = SMTPConfiguration.TLSPolicy(rawValue: text.lowercased()) else {
            throw ConfigurationError("\(option): \"\(text)\" is not required or opportunistic")
        }
        return policy
    }

    /// Checks the settings that only make sense together: SMTP credentials are only sent over TLS, so they
    /// cannot be combined with `--smtp-tls opportunistic`.
    package func validate() throws {
        if smtpURL?.credentials != nil, smtpTLS == .opportunistic {
            throw ConfigurationError(
                "--smtp-tls opportunistic: the SMTP URL has credentials, which are only ever sent over TLS; use --smtp-tls required"
            )
        }
    }

    /// The base of links: ``publicURL`` or `http://HOST:PORT`.
    package var effectivePublicURL: String {
        publicURL ?? "http://\(URLAuthority.hostAndPort(host, port))"
    }

    /// The ranges in `text`, comma-separated (`10.0.0.0/8, 192.0.2.7`).
    package static func trustedProxies(_ text: String, option: String) throws -> [IPAddressRange] {
        try text.split(separator: ",").map { try IPAddressRange(String($0), option: option) }
    }

    /// Parses a duration such as `7d`, `36h`, `90m` or `3600s` (a bare number is seconds), from 1 minute to 365 days.
    package static func duration(_ text: String) throws -> Duration {
        try duration(text, of: "invite TTL", within: 60...365 * 86_400, described: "1 minute and 365 days")
    }

    /// Parses the resend cooldown, 1 second to 1 day.
    package static func resendCooldown(_ text: String, option: String) throws -> Duration {
        try duration(text, of: option, within: 1...86_400, described: "1 second and 1 day")
    }

    /// Parses a whole number of `name` within `range`.
    package static func count(_ text: String, of name: String, within range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw ConfigurationError(
                "\(name): \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Parses a rate limit in requests a second, 0 (off) to 1,000,000.
    package static func rate(_ text: String, option: String) throws -> Int {
        try count(text, of: option, within: 0...1_000_000)
    }

    /// Parses the retention, 1 hour to 10 years.
    package static func retention(_ text: String, option: String) throws -> Duration {
        try duration(text, of: option, within: 3600...3650 * 86_400, described: "1 hour and 10 years")
    }

    /// Parses a duration such as `5m` or `30s` (a bare number is seconds) of `name`, checking it is `within` (seconds).
    static func duration(
        _ text: String, of name: String, within range: ClosedRange<Int64>, described: String
    ) throws -> Duration {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = trimmed.last.flatMap { units[$0] }
        let number = unit == nil ? trimmed : String(trimmed.dropLast())
        guard let value = Int64(number), value > 0 else {
            throw ConfigurationError("\(name) must look like 7d, 36h, 90m or 3600s, got \"\(text)\"")
        }
        let seconds = value.multipliedReportingOverflow(by: unit ?? 1)
        guard !seconds.overflow, range.contains(seconds.partialValue) else {
            throw ConfigurationError("\(name) must be between \(described), got \"\(text)\"")
        }
        return .seconds(seconds.partialValue)
    }

    /// Parses and checks a port number.
    package static func port(_ text: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw ConfigurationError("port must be a number from 0 to 65535, got \"\(text)\"")
        }
        return port
    }

    /// The database ``database`` names, or an error saying what is wrong with it.
    package func databaseLocation() throws -> DatabaseLocation {
        try DatabaseLocation(database)
    }

    /// The SQLite file path of ``database``, or `nil` when it names a PostgreSQL database.
    package func sqlitePathIfAny() throws -> String? {
        guard case .sqlite(let path) = try databaseLocation() else { return nil }
        return path
    }

    /// The SQLite file path of ``database``; an error when it names a PostgreSQL database.
    package func sqlitePath() throws -> String {
        guard case .sqlite(let path) = try databaseLocation() else {
            throw ConfigurationError("--database/AVARA_DATABASE_URL names a PostgreSQL database, not a SQLite file")
        }
        return path
    }
}

extension InvitationLinks {
    /// The links of a service configured by `configuration`: its public URL, else `http://HOST:PORT`, following
    /// the bound port for port 0.
    package convenience init(configuration: ServiceConfiguration) {
        self.init(
            base: configuration.effectivePublicURL,
            followsBoundPort: configuration.publicURL == nil && configuration.port == 0
        )
    }
}
