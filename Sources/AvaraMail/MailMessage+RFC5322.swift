import AvaraCore
import Foundation

extension MailMessage {
    /// Renders the message as RFC 5322 text with CRLF line endings: a `multipart/alternative`
    /// MIME message with a `text/plain` part followed by a `text/html` part, both UTF-8 and
    /// quoted-printable.
    ///
    /// The output is deterministic: the MIME boundary is derived from `messageId`, so rendering
    /// the same message twice yields identical bytes. Display names, the subject and addresses are
    /// sanitised so user input can never inject header lines.
    package func rfc5322() -> String {
        let boundary = mimeBoundary
        let headers = [
            "Date: " + MailDateFormatting.rfc5322(date),
            MailHeaderEncoding.mailboxField(name: "From", mailbox: from),
            MailHeaderEncoding.mailboxField(name: "To", mailbox: to),
            MailHeaderEncoding.unstructuredField(name: "Subject", value: subject),
            "Message-ID: <" + MailHeaderEncoding.sanitizedToken(messageId) + ">",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
        ]
        let lines =
            headers + [
                "",
                "--" + boundary,
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintable.encode(textBody),
                "--" + boundary,
                "Content-Type: text/html; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintable.encode(htmlBody),
                "--" + boundary + "--",
            ]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The multipart boundary, derived from `messageId`.
    ///
    /// It starts with `=_`, which quoted-printable output can never contain (a literal `=` is always
    /// written as `=3D`), so the boundary cannot collide with either body.
    package var mimeBoundary: String {
        "=_avara_" + StableHash.hex128(messageId)
    }
}
