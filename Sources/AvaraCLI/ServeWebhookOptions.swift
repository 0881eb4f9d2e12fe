import ArgumentParser
import AvaraService

/// The options of `avara serve` for webhooks: the secret key that seals their secrets, and the lifting of their
/// address checks.
struct ServeWebhookOptions: ParsableArguments {
    @Option(
        name: .customLong("secret-key-file"),
        help: """
            A file holding the service's secret key, base64 of 32 bytes (openssl rand -base64 32), which seals \
            webhook secrets in the database; every replica of a PostgreSQL database needs the same one \
            (env AVARA_SECRET_KEY_FILE, or the key itself in AVARA_SECRET_KEY; default for SQLite: \
            <database>.secret-key, made when missing).
            """
    )
    var secretKeyFile: String?

    @Flag(
        name: .customLong("allow-insecure-webhooks"),
        help: """
            Let webhook endpoints be http:// URLs and reach loopback and private addresses: for tests and closed \
            networks only (env AVARA_ALLOW_INSECURE_WEBHOOKS=1).
            """
    )
    var allowInsecureWebhooks = false

    func apply(to configuration: inout ServiceConfiguration) {
        if let secretKeyFile { configuration.secretKeyFile = secretKeyFile }
        if allowInsecureWebhooks { configuration.allowsInsecureWebhooks = true }
    }
}
