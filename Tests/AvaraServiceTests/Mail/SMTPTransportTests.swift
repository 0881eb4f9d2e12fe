import AvaraTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

/// A rendered message to `recipient`, as the outbox hands it to a transport.
private func outboundEmail(to recipient: String, subject: String = "Acme Imaging invited you to Avara Viewer") -> OutboundEmail {
    let message = MailMessage(
        messageId: "inv_test.\(UUID().uuidString.lowercased())@avara", date: Date(timeIntervalSince1970: 1_772_357_400),
        from: MailAddress(name: "Acme Imaging", address: "invites@acme.example"),
        to: MailAddress(name: "Sarah Johnson", address: recipient), subject: subject,
        textBody: "Hello Sarah,\n\nAccept your invitation here:\nhttps://avara.example.org/invitations/abc\n",
        htmlBody: "<p>Hello Sarah,</p>\n"
    )
    return OutboundEmail(messageId: message.messageId, recipient: recipient, rendered: message.rfc5322())
}

/// Delivers `email` and returns the delivery error it throws, failing the test when it does not throw one.
private func deliveryError(_ transport: SMTPTransport, _ email: OutboundEmail) async throws -> MailDeliveryError {
    do {
        try await transport.deliver(email)
    } catch let error as MailDeliveryError {
        return error
    }
    Issue.record("the delivery succeeded")
    throw CancellationError()
}

private func quietLogger() -> Logger {
    var logger = Logger(label: "avara-tests")
    logger.logLevel = .warning
    return logger
}

@Suite(
    "The SMTP transport against a real SMTP server",
    .enabled(if: SMTPTestServers.current != nil, SMTPTestServers.skipMessage)
)
struct SMTPTransportTests {
    let servers: SMTPTestServers

    init() throws {
        servers = try #require(SMTPTestServers.current)
    }

    private func transport(_ configuration: SMTPConfiguration, logger: Logger = quietLogger()) -> SMTPTransport {
        SMTPTransport(configuration: configuration, logger: logger)
    }

    @Test("a message reaches a relay without AUTH byte for byte, with the envelope sender and recipient")
    func plainDelivery() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        let email = outboundEmail(to: recipient)
        try await transport(servers.configuration(.plain)).deliver(email)

        let received = try servers.received(by: .plain, for: recipient)
        try #require(received.count == 1)
        #expect(received[0].content == email.rendered)
        #expect(received[0].mailFrom == "invites@acme.example")
        #expect(received[0].rcptTos == [recipient])
        #expect(received[0].esmtp, "the client says EHLO")
        #expect(received[0].helo == "[127.0.0.1]", "EHLO names the client by its address literal")
        #expect(!received[0].tls)
        #expect(received[0].authMechanism == nil)
    }

    @Test("AUTH PLAIN is preferred, with the user name and password percent-decoded from the URL")
    func authPlain() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        try await transport(servers.configuration(.auth, credentials: true)).deliver(outboundEmail(to: recipient))

        let received = try servers.received(by: .auth, for: recipient)
        try #require(received.count == 1)
        #expect(received[0].authMechanism == "PLAIN")
        #expect(received[0].authUser == servers.username)
    }

    @Test("AUTH LOGIN when the server does not offer PLAIN")
    func authLogin() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        try await transport(servers.configuration(.login, credentials: true)).deliver(outboundEmail(to: recipient))

        let received = try servers.received(by: .login, for: recipient)
        try #require(received.count == 1)
        #expect(received[0].authMechanism == "LOGIN")
        #expect(received[0].authUser == servers.username)
    }

    @Test("a wrong password is a transient failure (fixable by the operator) quoting the 535, never the password or the user name")
    func wrongPassword() async throws {
        let password = "not-the-password-4711"
        let configuration = try servers.configuration(.auth, credentials: true, password: password)
        let error = try await deliveryError(transport(configuration), outboundEmail(to: SMTPTestServers.uniqueRecipient()))
        #expect(error.kind == .transient)
        #expect(error.reason.contains("535"), "\(error.reason)")
        #expect(error.reason.contains("AUTH PLAIN"), "\(error.reason)")
        #expect(!error.reason.contains(password))
        #expect(!error.reason.contains(servers.username))
    }

    @Test("a server that requires AUTH refuses a client without credentials: transient (fixable), with its 530")
    func authRequired() async throws {
        let error = try await deliveryError(
            transport(servers.configuration(.auth)), outboundEmail(to: SMTPTestServers.uniqueRecipient())
        )
        #expect(error.kind == .transient)
        #expect(error.reason.contains("530"), "\(error.reason)")
    }

    @Test("STARTTLS: the message and the AUTH go over TLS, verified against the configured CA", arguments: ["localhost", "127.0.0.1"])
    func startTLS(host: String) async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        let configuration = try servers.configuration(.starttls, host: host, credentials: true)
        try await transport(configuration).deliver(outboundEmail(to: recipient))

        let received = try servers.received(by: .starttls, for: recipient)
        try #require(received.count == 1)
        #expect(received[0].tls)
        #expect(received[0].authMechanism == "PLAIN")
    }

    @Test("TLS required (the default with credentials): a server without STARTTLS gets nothing, and the message waits")
    func tlsRequired() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        for (server, credentials) in [(SMTPTestServers.Server.plain, false), (.auth, true)] {
            var configuration = try servers.configuration(server, credentials: credentials, tls: .required)
            if credentials {
                configuration = SMTPConfiguration(
                    server: configuration.server, envelopeSender: configuration.envelopeSender,
                    connectTimeout: .seconds(5), replyTimeout: .seconds(10)
                )
                #expect(configuration.tls == .required)
            }
            let error = try await deliveryError(transport(configuration), outboundEmail(to: recipient))
            #expect(error.kind == .transient)
            #expect(error.reason.contains("TLS is required"), "\(error.reason)")
            #expect(try servers.received(by: server, for: recipient).isEmpty)
        }
    }

    @Test("--smtp-tls and AVARA_SMTP_TLS: required unless a relay on loopback has no credentials; credentials are never combined with opportunistic")
    func tlsConfiguration() throws {
        // A relay across the network: a stripped STARTTLS must not expose the links, credentials or not.
        #expect(try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://relay.example"]).smtpConfiguration?.tls == .required)
        #expect(try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://10.0.0.25:25"]).smtpConfiguration?.tls == .required)
        for local in ["smtp://localhost:25", "smtp://127.0.0.1:2525", "smtp://[::1]:25"] {
            #expect(try ServiceConfiguration(environment: ["AVARA_SMTP_URL": local]).smtpConfiguration?.tls == .opportunistic, "\(local)")
        }
        let relaxed = try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://relay.example", "AVARA_SMTP_TLS": "opportunistic"])
        #expect(relaxed.smtpConfiguration?.tls == .opportunistic)
        #expect(try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://u:p@relay.example"]).smtpConfiguration?.tls == .required)
        let required = try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://relay.example", "AVARA_SMTP_TLS": "required"])
        #expect(required.smtpConfiguration?.tls == .required)
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration(environment: ["AVARA_SMTP_TLS": "sometimes"]) }
        let clash = try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://u:p@relay.example", "AVARA_SMTP_TLS": "opportunistic"])
        #expect(throws: ConfigurationError.self) { try clash.validate() }
    }

    @Test("a certificate no trusted CA signed is a transient TLS failure: verification is on by default")
    func untrustedCertificate() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        let configuration = try servers.configuration(.starttls, host: "localhost", credentials: true, trustingTestCA: false)
        let error = try await deliveryError(transport(configuration), outboundEmail(to: recipient))
        #expect(error.kind == .transient)
        #expect(error.reason.contains("TLS"), "\(error.reason)")
        #expect(try servers.received(by: .starttls, for: recipient).isEmpty)
    }

    @Test("smtps:// speaks TLS from the first byte")
    func implicitTLS() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        let configuration = try servers.configuration(.smtps, host: "localhost", credentials: true)
        try await transport(configuration).deliver(outboundEmail(to: recipient))

        let received = try servers.received(by: .smtps, for: recipient)
        try #require(received.count == 1)
        #expect(received[0].tls)
        #expect(received[0].authUser == servers.username)
    }

    @Test("a server that does not know EHLO gets HELO")
    func heloFallback() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        let email = outboundEmail(to: recipient)
        try await transport(servers.configuration(.helo)).deliver(email)

        let received = try servers.received(by: .helo, for: recipient)
        try #require(received.count == 1)
        #expect(!received[0].esmtp)
        #expect(received[0].content == email.rendered)
    }

    @Test("lines that start with a dot, and a line that is only a dot, arrive intact (dot-stuffing)")
    func dotStuffing() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        let rendered = [
            "From: invites@acme.example", "To: \(recipient)", "Subject: dots", "Message-ID: <dots@avara>", "",
            ".hidden line", ".", "..", "...three", "", ". a dot and a space", "last line",
        ].joined(separator: "\r\n") + "\r\n"
        let email = OutboundEmail(messageId: "dots@avara", recipient: recipient, rendered: rendered)
        try await transport(servers.configuration(.plain)).deliver(email)

        let received = try servers.received(by: .plain, for: recipient)
        try #require(received.count == 1)
        #expect(received[0].content == rendered)
    }

    @Test("a rejected recipient (550) is a permanent failure quoting the reply, with the address blanked out")
    func rejectedRecipient() async throws {
        let recipient = SMTPTestServers.uniqueRecipient("reject")
        let error = try await deliveryError(transport(servers.configuration(.plain)), outboundEmail(to: recipient))
        #expect(error.kind == .permanent)
        #expect(error.reason.contains("RCPT TO"), "\(error.reason)")
        #expect(error.reason.contains("550 5.1.1"), "\(error.reason)")
        #expect(error.reason.contains("Recipient address rejected"), "\(error.reason)")
        #expect(!error.reason.lowercased().contains(recipient), "\(error.reason)")
    }

    @Test("a 4xx reply (451) is a transient failure")
    func busyMailbox() async throws {
        let recipient = SMTPTestServers.uniqueRecipient("busy")
        let error = try await deliveryError(transport(servers.configuration(.plain)), outboundEmail(to: recipient))
        #expect(error.kind == .transient)
        #expect(error.reason.contains("451"), "\(error.reason)")
    }

    @Test("nothing above debug level names the recipient or the user name, and the password is never logged")
    func logging() async throws {
        let recorder = RecordingLogHandler()
        let configuration = try servers.configuration(.auth, credentials: true)
        try await transport(configuration, logger: recorder.logger).deliver(outboundEmail(to: SMTPTestServers.uniqueRecipient()))
        _ = try await deliveryError(
            transport(configuration, logger: recorder.logger), outboundEmail(to: SMTPTestServers.uniqueRecipient("reject"))
        )
        let entries = recorder.recorded
        #expect(entries.contains { $0.text.contains("smtp >") }, "commands are logged at trace level")
        let base64Password = Data("\0\(servers.username)\0\(servers.password)".utf8).base64EncodedString()
        for entry in entries {
            #expect(!entry.text.contains(servers.password) && !entry.text.contains(base64Password), "\(entry.text)")
            if entry.level > .debug {
                #expect(!entry.text.contains("@hospital.org") && !entry.text.contains(servers.username), "\(entry.text)")
            }
        }
    }
}

@Suite(
    "Invitations delivered by SMTP through the outbox",
    .enabled(if: SMTPTestServers.current != nil, SMTPTestServers.skipMessage)
)
struct OutboxOverSMTPTests {
    let servers: SMTPTestServers

    init() throws {
        servers = try #require(SMTPTestServers.current)
    }

    /// A service whose mail goes to the plain test server, from `mailFrom`.
    private func withService<T>(_ body: (TestService) async throws -> T) async throws -> T {
        let url = try SMTPServerURL(servers.url(.plain))
        let from = try MailAddress(parsing: "Acme Invitations <invites@acme.example>")
        return try await TestService.with(configure: { configuration in
            configuration.smtpURL = url
            configuration.mailFrom = from
        }, body)
    }

    @Test("an invite arrives at the SMTP server with its acceptance link, and the outbox marks it sent")
    func inviteArrives() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        try await withService { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer, email: recipient), key: service.apiKey)
                #expect(response.status == .created)
            }
            #expect(try await service.deliverMail() == 1)

            let received = try servers.received(by: .plain, for: recipient)
            try #require(received.count == 1)
            #expect(received[0].mailFrom == "invites@acme.example", "--mail-from is the envelope sender")
            let email = try ReceivedEmail(received[0].content)
            #expect(email.header("From") == "\"Acme Invitations\" <invites@acme.example>", "and the From header")
            #expect(email.header("To")?.contains("<\(recipient)>") == true)
            #expect(email.header("Subject") == "Acme Imaging invited you to Avara Viewer")
            _ = try email.acceptLink(base: "https://avara.example.org")
            #expect(try service.deliveredMail().isEmpty, "no .eml file is written when SMTP is configured")
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'") == 1)
            #expect(try await service.deliverMail() == 0, "a sent message is not sent again")
        }
    }

    @Test("the outbox marks a message the server rejects (550) failed with the reply, and keeps a 451 for a retry")
    func rejectedAndDeferred() async throws {
        try await withService { service in
            try await service.app().test(.router) { client in
                for recipient in [SMTPTestServers.uniqueRecipient("reject"), SMTPTestServers.uniqueRecipient("busy")] {
                    let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer, email: recipient), key: service.apiKey)
                    #expect(response.status == .created)
                }
            }
            #expect(try await service.deliverMail() == 2)
            #expect(try await service.count(
                "SELECT COUNT(*) AS n FROM outbox WHERE status = 'failed' AND last_error LIKE '%550 5.1.1%'"
            ) == 1)
            #expect(try await service.count(
                "SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued' AND attempts = 1 AND last_error LIKE '%451 4.3.0%'"
            ) == 1)
            let errors = try await service.strings("SELECT last_error FROM outbox", column: "last_error")
            #expect(!errors.contains { $0.contains("@hospital.org") }, "\(errors)")
            // What is stored, and the clinic is shown, names no relay, port or reply text.
            let shown = try await service.strings(
                "SELECT email_error FROM invitations WHERE email_error IS NOT NULL", column: "email_error"
            )
            #expect(shown == ["the mail server refused the recipient (550 5.1.1)"])
            #expect(Set(errors) == [
                "the mail server refused the recipient (550 5.1.1)", "the mail server answered 451 4.3.0; it is retried",
            ])
        }
    }

    @Test("while the SMTP server is down the invitation waits in the outbox; once it is back, it is delivered")
    func serverDownThenUp() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        try await withService { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(.viewer, InviteBodies.minimal(.viewer, email: recipient), key: service.apiKey)
                #expect(response.status == .created)
            }
            // Down: the same outbox, through a transport to a port nobody listens on.
            let closedPort = try await SilentTCPServer.with(greeting: "") { port in port }
            let down = OutboxDispatcher(
                outbox: service.environment.outbox,
                transport: SMTPTransport(
                    configuration: SMTPConfiguration(
                        server: try SMTPServerURL("smtp://127.0.0.1:\(closedPort)"), envelopeSender: "invites@acme.example"
                    ),
                    logger: Logger(label: "test")
                ),
                templates: service.environment.templates, clock: service.clock, logger: Logger(label: "test")
            )
            #expect(try await down.deliverDueMessages() == 1)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued' AND attempts = 1") == 1)
            let stored = try await service.strings("SELECT last_error FROM outbox", column: "last_error")
            #expect(stored == ["the mail server could not be reached; it is retried"], "no relay or port is stored")
            #expect(try servers.received(by: .plain, for: recipient).isEmpty)

            // Up again: the retry, when due, goes through.
            #expect(try await service.deliverMail() == 0, "not before the backoff")
            service.clock.advance(by: 30)
            #expect(try await service.deliverMail() == 1)
            #expect(try servers.received(by: .plain, for: recipient).count == 1)
            #expect(try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'") == 1)
        }
    }
}

@Suite("SMTP transport failures without an SMTP server")
struct SMTPFailureTests {
    /// A plain `smtp://127.0.0.1:port` configuration; the reply timeout is generous, so that a loaded machine
    /// does not turn a prompt reply into a timeout.
    private func configuration(port: Int, replyTimeout: Duration = .seconds(2)) throws -> SMTPConfiguration {
        SMTPConfiguration(
            server: try SMTPServerURL("smtp://127.0.0.1:\(port)"), envelopeSender: "invites@acme.example",
            connectTimeout: .seconds(2), replyTimeout: replyTimeout
        )
    }

    @Test("a refused connection is a transient failure")
    func connectionRefused() async throws {
        let port = try await SilentTCPServer.closedPort()
        let transport = SMTPTransport(configuration: try configuration(port: port), logger: quietLogger())
        let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
        #expect(error.kind == .transient)
        #expect(error.reason.contains("could not connect to SMTP server 127.0.0.1:\(port)"), "\(error.reason)")
        #expect(error.clinicReason == "the mail server could not be reached; it is retried", "no relay or port for the clinic")
    }

    @Test("a server that never answers times out as a transient failure")
    func silentServer() async throws {
        try await SilentTCPServer.with(greeting: "") { port in
            let configuration = try configuration(port: port, replyTimeout: .milliseconds(500))
            let transport = SMTPTransport(configuration: configuration, logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .transient)
            #expect(error.reason.contains("did not answer the connection (greeting) within 0.5 seconds"), "\(error.reason)")
        }
    }

    @Test("a server that stops answering after its greeting times out on the next reply")
    func stallsAfterGreeting() async throws {
        try await SilentTCPServer.with(greeting: "220 smtp.example ESMTP\r\n") { port in
            let transport = SMTPTransport(configuration: try configuration(port: port), logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .transient)
            #expect(error.reason.contains("did not answer EHLO [127.0.0.1]"), "\(error.reason)")
        }
    }

    @Test("a server that is not an SMTP server is a transient protocol failure")
    func notSMTP() async throws {
        try await SilentTCPServer.with(greeting: "HTTP/1.1 400 Bad Request\r\n\r\n") { port in
            let transport = SMTPTransport(configuration: try configuration(port: port), logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .transient)
            #expect(error.reason.contains("not an SMTP reply"), "\(error.reason)")
        }
    }

    @Test("a server that refuses service in its greeting (554) is a permanent failure")
    func refusedGreeting() async throws {
        try await SilentTCPServer.with(greeting: "554 5.7.1 No SMTP service here\r\n") { port in
            let transport = SMTPTransport(configuration: try configuration(port: port), logger: quietLogger())
            let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
            #expect(error.kind == .permanent)
            #expect(error.reason.contains("554 5.7.1 No SMTP service here"), "\(error.reason)")
        }
    }

    @Test("a CA file that cannot be read fails every delivery transiently, naming the file")
    func unreadableCAFile() async throws {
        var configuration = try configuration(port: 25)
        configuration.trustRootsFile = "/nonexistent/ca.pem"
        let transport = SMTPTransport(configuration: configuration, logger: quietLogger())
        let error = try await deliveryError(transport, outboundEmail(to: "dr.johnson@hospital.org"))
        #expect(error.kind == .transient)
        #expect(error.reason.contains("/nonexistent/ca.pem"), "\(error.reason)")
    }
}
