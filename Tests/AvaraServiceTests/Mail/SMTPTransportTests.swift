import AvaraSupport
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

    @Test(
        "a wrong password is a transient failure (fixable by the operator) quoting the 535, never the password or the user name"
    )
    func wrongPassword() async throws {
        let password = "not-the-password-4711"
        let configuration = try servers.configuration(.auth, credentials: true, password: password)
        let error = try await deliveryError(
            transport(configuration), outboundEmail(to: SMTPTestServers.uniqueRecipient()))
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

    @Test(
        "STARTTLS: the message and the AUTH go over TLS, verified against the configured CA",
        arguments: ["localhost", "127.0.0.1"])
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

    @Test(
        "--smtp-tls and AVARA_SMTP_TLS: required unless a relay on loopback has no credentials; credentials are never combined with opportunistic"
    )
    func tlsConfiguration() throws {
        // A relay across the network: a stripped STARTTLS must not expose the links, credentials or not.
        #expect(
            try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://relay.example"]).smtpConfiguration?.tls
                == .required)
        #expect(
            try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://10.0.0.25:25"]).smtpConfiguration?.tls
                == .required)
        for local in ["smtp://localhost:25", "smtp://127.0.0.1:2525", "smtp://[::1]:25"] {
            #expect(
                try ServiceConfiguration(environment: ["AVARA_SMTP_URL": local]).smtpConfiguration?.tls
                    == .opportunistic, "\(local)")
        }
        let relaxed = try ServiceConfiguration(environment: [
            "AVARA_SMTP_URL": "smtp://relay.example", "AVARA_SMTP_TLS": "opportunistic",
        ])
        #expect(relaxed.smtpConfiguration?.tls == .opportunistic)
        #expect(
            try ServiceConfiguration(environment: ["AVARA_SMTP_URL": "smtp://u:p@relay.example"]).smtpConfiguration?.tls
                == .required)
        let required = try ServiceConfiguration(environment: [
            "AVARA_SMTP_URL": "smtp://relay.example", "AVARA_SMTP_TLS": "required",
        ])
        #expect(required.smtpConfiguration?.tls == .required)
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(environment: ["AVARA_SMTP_TLS": "sometimes"])
        }
        let clash = try ServiceConfiguration(environment: [
            "AVARA_SMTP_URL": "smtp://u:p@relay.example", "AVARA_SMTP_TLS": "opportunistic",
        ])
        #expect(throws: ConfigurationError.self) { try clash.validate() }
    }

    @Test("a certificate no trusted CA signed is a transient TLS failure: verification is on by default")
    func untrustedCertificate() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        let configuration = try servers.configuration(
            .starttls, host: "localhost", credentials: true, trustingTestCA: false)
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
        let rendered =
            [
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
        try await transport(configuration, logger: recorder.logger).deliver(
            outboundEmail(to: SMTPTestServers.uniqueRecipient()))
        _ = try await deliveryError(
            transport(configuration, logger: recorder.logger),
            outboundEmail(to: SMTPTestServers.uniqueRecipient("reject"))
        )
        let entries = recorder.recorded
        #expect(entries.contains { $0.text.contains("smtp >") }, "commands are logged at trace level")
        let base64Password = Data("\0\(servers.username)\0\(servers.password)".utf8).base64EncodedString()
        for entry in entries {
            #expect(!entry.text.contains(servers.password) && !entry.text.contains(base64Password), "\(entry.text)")
            if entry.level > .debug {
                #expect(
                    !entry.text.contains("@hospital.org") && !entry.text.contains(servers.username), "\(entry.text)")
            }
        }
    }
}
