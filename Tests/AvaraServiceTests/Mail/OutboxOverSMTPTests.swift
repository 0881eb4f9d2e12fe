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
        return try await TestService.with(
            configure: { configuration in
                configuration.smtpURL = url
                configuration.mailFrom = from
            }, body)
    }

    @Test("an invite arrives at the SMTP server with its acceptance link, and the outbox marks it sent")
    func inviteArrives() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        try await withService { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: recipient), key: service.apiKey)
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
                    let response = try await client.invite(
                        .viewer, InviteBodies.minimal(.viewer, email: recipient), key: service.apiKey)
                    #expect(response.status == .created)
                }
            }
            #expect(try await service.deliverMail() == 2)
            #expect(
                try await service.count(
                    "SELECT COUNT(*) AS n FROM outbox WHERE status = 'failed' AND last_error LIKE '%550 5.1.1%'"
                ) == 1)
            #expect(
                try await service.count(
                    "SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued' AND attempts = 1 AND last_error LIKE '%451 4.3.0%'"
                ) == 1)
            let errors = try await service.strings("SELECT last_error FROM outbox", column: "last_error")
            #expect(!errors.contains { $0.contains("@hospital.org") }, "\(errors)")
            // What is stored, and the clinic is shown, names no relay, port or reply text.
            let shown = try await service.strings(
                "SELECT email_error FROM invitations WHERE email_error IS NOT NULL", column: "email_error"
            )
            #expect(shown == ["the mail server refused the recipient (550 5.1.1)"])
            #expect(
                Set(errors) == [
                    "the mail server refused the recipient (550 5.1.1)",
                    "the mail server answered 451 4.3.0; it is retried",
                ])
        }
    }

    @Test("while the SMTP server is down the invitation waits in the outbox; once it is back, it is delivered")
    func serverDownThenUp() async throws {
        let recipient = SMTPTestServers.uniqueRecipient()
        try await withService { service in
            try await service.app().test(.router) { client in
                let response = try await client.invite(
                    .viewer, InviteBodies.minimal(.viewer, email: recipient), key: service.apiKey)
                #expect(response.status == .created)
            }
            // Down: the same outbox, through a transport to a port nobody listens on.
            let closedPort = try await SilentTCPServer.with(greeting: "") { port in port }
            let down = OutboxDispatcher(
                outbox: service.environment.outbox,
                transport: SMTPTransport(
                    configuration: SMTPConfiguration(
                        server: try SMTPServerURL("smtp://127.0.0.1:\(closedPort)"),
                        envelopeSender: "invites@acme.example"
                    ),
                    logger: Logger(label: "test")
                ),
                templates: service.environment.templates, clock: service.clock, logger: Logger(label: "test")
            )
            #expect(try await down.deliverDueMessages() == 1)
            #expect(
                try await service.count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued' AND attempts = 1")
                    == 1)
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
