import Foundation
import Logging
import Testing

@testable import AvaraCore
@testable import AvaraMail

/// A rendered message to `recipient`, as the outbox hands it to a transport.
func outboundEmail(to recipient: String, subject: String = "Acme Imaging invited you to Avara Viewer") -> OutboundEmail
{
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
func deliveryError(_ transport: SMTPTransport, _ email: OutboundEmail) async throws -> MailDeliveryError {
    do {
        try await transport.deliver(email)
    } catch let error as MailDeliveryError {
        return error
    }
    Issue.record("the delivery succeeded")
    throw CancellationError()
}

func quietLogger() -> Logger {
    var logger = Logger(label: "avara-tests")
    logger.logLevel = .warning
    return logger
}
