import AvaraCore
import Foundation

extension QueuedEmail {
    /// The complete message rendered with `templates`, ready for `rfc5322()`.
    package func mailMessage(templates: MailTemplates) -> MailMessage {
        let content = templates.render(self)
        return MailMessage(
            messageId: messageId, date: date, from: from, to: to, subject: content.subject,
            textBody: content.text, htmlBody: content.html
        )
    }

    /// The message as a transport receives it.
    package func outboundEmail(templates: MailTemplates) -> OutboundEmail {
        OutboundEmail(
            messageId: messageId, recipient: to.address, rendered: mailMessage(templates: templates).rfc5322())
    }
}
