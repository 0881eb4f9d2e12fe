import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// The real SMTP servers (aiosmtpd, `scripts/smtp-test-server.py`) that `scripts/test` starts on loopback, as its
/// `AVARA_TEST_SMTP_*` variables describe them.
///
/// `nil` when the variables are absent (a bare `swift test`): the suites that need the servers are then skipped.
struct SMTPTestServers: Sendable {
    /// One server per behaviour.
    enum Server: String, CaseIterable, Sendable {
        /// No TLS, no AUTH: a local relay.
        case plain
        /// AUTH PLAIN and LOGIN required, no TLS.
        case auth
        /// AUTH LOGIN only, required, no TLS.
        case login
        /// STARTTLS required, then AUTH.
        case starttls
        /// Implicit TLS, then AUTH.
        case smtps
        /// Knows HELO only.
        case helo

        var portVariable: String {
            switch self {
            case .plain: "AVARA_TEST_SMTP_PORT"
            case .auth: "AVARA_TEST_SMTP_AUTH_PORT"
            case .login: "AVARA_TEST_SMTP_LOGIN_PORT"
            case .starttls: "AVARA_TEST_SMTP_STARTTLS_PORT"
            case .smtps: "AVARA_TEST_SMTPS_PORT"
            case .helo: "AVARA_TEST_SMTP_HELO_PORT"
            }
        }
    }

    /// Why the SMTP suites are skipped, for the `.enabled(if:)` trait.
    static let skipMessage: Comment =
        "SMTP test servers not configured (AVARA_TEST_SMTP_* unset): run scripts/test, which starts them"

    static let current: SMTPTestServers? = SMTPTestServers(environment: ProcessInfo.processInfo.environment)

    let host: String
    let ports: [Server: Int]
    /// Where the servers write what they receive: `<mailDirectory>/<server>/NNNNNN.{eml,json}`.
    let mailDirectory: URL
    /// The PEM certificate of the TLS servers (self-signed, for localhost and 127.0.0.1).
    let caFile: String
    let username: String
    let password: String

    init?(environment: [String: String]) {
        guard let host = environment["AVARA_TEST_SMTP_HOST"], let mail = environment["AVARA_TEST_SMTP_MAIL_DIR"],
            let caFile = environment["AVARA_TEST_SMTP_CA_FILE"], let username = environment["AVARA_TEST_SMTP_USER"],
            let password = environment["AVARA_TEST_SMTP_PASSWORD"]
        else { return nil }
        var ports: [Server: Int] = [:]
        for server in Server.allCases {
            guard let port = environment[server.portVariable].flatMap(Int.init) else { return nil }
            ports[server] = port
        }
        self.host = host
        self.ports = ports
        self.mailDirectory = URL(fileURLWithPath: mail, isDirectory: true)
        self.caFile = caFile
        self.username = username
        self.password = password
    }

    /// The `smtp://` or `smtps://` URL of `server`, with the test credentials percent-encoded when `credentials`.
    func url(_ server: Server, host: String? = nil, credentials: Bool = false, password: String? = nil) -> String {
        let scheme = server == .smtps ? "smtps" : "smtp"
        let userInfo =
            credentials ? "\(Self.percentEncoded(username)):\(Self.percentEncoded(password ?? self.password))@" : ""
        return "\(scheme)://\(userInfo)\(host ?? self.host):\(ports[server]!)"
    }

    /// A transport configuration for `server`.
    func configuration(
        _ server: Server, host: String? = nil, credentials: Bool = false, password: String? = nil,
        trustingTestCA: Bool = true, sender: String = "invites@acme.example", tls: SMTPConfiguration.TLSPolicy? = nil
    ) throws -> SMTPConfiguration {
        SMTPConfiguration(
            server: try SMTPServerURL(url(server, host: host, credentials: credentials, password: password)),
            // The AUTH test servers offer no STARTTLS: their credentials go in clear text over loopback, which only
            // `opportunistic` allows.
            tls: tls ?? ([.auth, .login].contains(server) ? .opportunistic : nil),
            envelopeSender: sender, trustRootsFile: trustingTestCA ? caFile : nil,
            connectTimeout: .seconds(5), replyTimeout: .seconds(10)
        )
    }

    /// The messages `server` received for `recipient`.
    func received(by server: Server, for recipient: String) throws -> [ReceivedSMTPMessage] {
        try SMTPMailFolder.received(
            in: mailDirectory.appendingPathComponent(server.rawValue, isDirectory: true), for: recipient)
    }

    /// A recipient no other test uses, so that each test finds its own messages.
    static func uniqueRecipient(_ prefix: String = "dr.johnson") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@hospital.org"
    }

    private static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
