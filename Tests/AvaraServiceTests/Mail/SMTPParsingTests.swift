import AvaraSupport
import Foundation
import NIOCore
import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("--smtp-url parsing")
struct SMTPServerURLTests {
    @Test("smtp:// with credentials: STARTTLS when offered, user and password percent-decoded")
    func submissionURL() throws {
        let url = try SMTPServerURL("smtp://avara%40clinic.example:p%40ss%3Aw%2Frd%25%20x@smtp.clinic.example:587")
        #expect(url.security == .startTLSWhenOffered)
        #expect(url.host == "smtp.clinic.example")
        #expect(url.port == 587)
        #expect(url.credentials == .init(username: "avara@clinic.example", password: "p@ss:w/rd% x"))
    }

    @Test("smtps:// is implicit TLS; default ports are 465 and 587; no credentials for a local relay")
    func defaults() throws {
        #expect(
            try SMTPServerURL("smtps://u:p@mail.example")
                == .init(
                    security: .implicitTLS, host: "mail.example", port: 465,
                    credentials: .init(username: "u", password: "p")
                ))
        #expect(
            try SMTPServerURL("SMTP://relay.internal")
                == .init(security: .startTLSWhenOffered, host: "relay.internal", port: 587))
        #expect(
            try SMTPServerURL("smtp://127.0.0.1:25/")
                == .init(security: .startTLSWhenOffered, host: "127.0.0.1", port: 25))
        #expect(
            try SMTPServerURL("smtp://[::1]:2525") == .init(security: .startTLSWhenOffered, host: "::1", port: 2525))
    }

    @Test("the password never shows in the description")
    func descriptionHidesCredentials() throws {
        let url = try SMTPServerURL("smtp://user:secret@mail.example:587")
        #expect(url.description == "smtp://***@mail.example:587")
        #expect(!"\(url.credentials!)".contains("secret"))
        #expect(!"\(url)".contains("user"))
    }

    @Test(
        "invalid URLs are refused with a message saying what is wrong",
        arguments: [
            ("http://mail.example", "unsupported scheme \"http\""),
            ("ftp://u:p@mail.example", "unsupported scheme \"ftp\""),
            ("mail.example:587", "must be a URL like smtp://"),
            ("smtp://", "has no host"),
            ("smtp://:587", "has no host"),
            ("smtp://u:p@", "has no host"),
            ("smtp://mail.example:0", "the port must be a number from 1 to 65535, got \"0\""),
            ("smtp://mail.example:70000", "the port must be a number from 1 to 65535, got \"70000\""),
            ("smtp://mail.example:25x", "the port must be a number from 1 to 65535, got \"25x\""),
            ("smtp://mail.example:", "the port must be a number from 1 to 65535, got \"\""),
            ("smtp://user@mail.example", "has a user name but no password"),
            ("smtp://:pw@mail.example", "has an empty user name"),
            ("smtp://u:%zz@mail.example", "invalid percent-encoding in the password"),
            ("smtp://mail example", "invalid host \"mail example\""),
            ("smtp://mail.example/path", "must not have a path"),
            ("smtp://[::1", "unterminated IPv6 address"),
        ]
    )
    func invalid(text: String, message: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try SMTPServerURL(text) }
        #expect(error.description.contains(message), "\(error.description)")
        #expect(error.description.contains("--smtp-url/AVARA_SMTP_URL"), "\(error.description)")
    }

    @Test("an error never echoes the password")
    func errorsHidePassword() throws {
        for text in [
            "smtp:/user:hunter2@mail.example", "smtp://user:hun/ter2@mail.example",
            "smtp://user:hunter2@mail.example:99999",
        ] {
            let error = try #require(throws: ConfigurationError.self) { try SMTPServerURL(text) }
            #expect(
                !error.description.contains("hunter2") && !error.description.contains("ter2"), "\(error.description)")
        }
    }
}

@Suite("SMTP replies")
struct SMTPReplyParserTests {
    private func replies(_ lines: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        return try lines.compactMap { try parser.parse(line: Array($0.utf8)) }
    }

    @Test("a multi-line reply is one reply with every line's text")
    func multiLine() throws {
        let parsed = try replies([
            "250-smtp.example greets [127.0.0.1]", "250-STARTTLS", "250-AUTH PLAIN LOGIN", "250 8BITMIME",
        ])
        #expect(
            parsed == [
                SMTPReply(
                    code: 250, lines: ["smtp.example greets [127.0.0.1]", "STARTTLS", "AUTH PLAIN LOGIN", "8BITMIME"])
            ])
    }

    @Test("single-line replies, a bare code and an empty text each complete a reply")
    func singleLines() throws {
        let parsed = try replies(["220 ready", "250", "354 ", "221 2.0.0 Bye"])
        #expect(parsed.map(\.code) == [220, 250, 354, 221])
        #expect(parsed[0].summary == "220 ready")
        #expect(parsed[1].lines == [""])
    }

    @Test("a reply whose code changes between lines, or a line that is not a reply, is a protocol violation")
    func malformed() throws {
        for lines in [
            ["250-first", "251 second"], ["HTTP/1.1 400 Bad Request"], ["25"], ["250x"], ["650 out of range"],
        ] {
            #expect(throws: SMTPError.self, "\(lines)") { try replies(lines) }
        }
    }

    @Test("the EHLO reply's extensions, in any case, and the old AUTH= form")
    func capabilities() throws {
        let ehlo = SMTPReply(
            code: 250, lines: ["smtp.example", "starttls", "AUTH=LOGIN", "auth plain cram-md5", "SIZE 1000"])
        let capabilities = SMTPCapabilities(ehloReply: ehlo)
        #expect(capabilities.supports("STARTTLS"))
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN", "CRAM-MD5"])
        #expect(!capabilities.supports("8BITMIME"))
        #expect(
            !SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["smtp.example STARTTLS"])).supports("STARTTLS"))
    }
}

@Suite("SMTP message content")
struct SMTPMessageContentTests {
    private func encoded(_ text: String) -> String {
        String(buffer: SMTPMessageContent.encode(text))
    }

    @Test("lines starting with a dot get one more; the content ends with CRLF.CRLF")
    func dotStuffing() {
        #expect(encoded("Hi\r\n.hidden\r\n.\r\n..\r\nend\r\n") == "Hi\r\n..hidden\r\n..\r\n...\r\nend\r\n.\r\n")
        #expect(encoded(".first line\r\n") == "..first line\r\n.\r\n")
        #expect(encoded("a.b\r\n") == "a.b\r\n.\r\n")
    }

    @Test("bare LF and CR become CRLF and a missing final line break is added")
    func lineEndings() {
        #expect(encoded("one\ntwo\rthree") == "one\r\ntwo\r\nthree\r\n.\r\n")
        #expect(encoded("a\n.b\n") == "a\r\n..b\r\n.\r\n")
        #expect(encoded("") == ".\r\n")
    }
}

@Suite("--mail-from parsing")
struct MailFromParsingTests {
    @Test(
        "a display name with an address, or a bare address",
        arguments: [
            ("Acme Imaging <invites@acme.example>", MailAddress(name: "Acme Imaging", address: "invites@acme.example")),
            (
                "\"Acme, Imaging\" <invites@acme.example>",
                MailAddress(name: "Acme, Imaging", address: "invites@acme.example")
            ),
            ("<invites@acme.example>", MailAddress(name: nil, address: "invites@acme.example")),
            ("  invites@acme.example ", MailAddress(name: nil, address: "invites@acme.example")),
            ("no-reply+x@[127.0.0.1]", MailAddress(name: nil, address: "no-reply+x@[127.0.0.1]")),
        ]
    )
    func valid(text: String, expected: MailAddress) throws {
        #expect(try MailAddress(parsing: text) == expected)
    }

    @Test(
        "anything else is refused with a clear message",
        arguments: [
            "", "invites", "Acme <invites@acme.example", "a b@acme.example", "invites@", "@acme.example",
            "in..vites@acme.example", "invites@acme..example", "invites@-acme.example", "Acme\r\nBcc: x@y.z <a@b.c>",
        ]
    )
    func invalid(text: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try MailAddress(parsing: text) }
        #expect(error.description.contains("--mail-from/AVARA_MAIL_FROM"), "\(error.description)")
    }
}

@Suite("SMTP settings of the service")
struct SMTPServiceConfigurationTests {
    @Test("AVARA_SMTP_URL, AVARA_MAIL_FROM and AVARA_SMTP_CA_FILE select the SMTP transport")
    func fromEnvironment() throws {
        let caFile = #filePath  // any readable file: its content is only read when a TLS context is made
        let configuration = try ServiceConfiguration(environment: [
            "AVARA_SMTP_URL": "smtps://u:p@mail.example", "AVARA_MAIL_FROM": "Acme <invites@acme.example>",
            "AVARA_SMTP_CA_FILE": caFile,
        ])
        #expect(configuration.mailFrom == MailAddress(name: "Acme", address: "invites@acme.example"))
        let smtp = try #require(configuration.smtpConfiguration)
        #expect(smtp.server.host == "mail.example")
        #expect(smtp.envelopeSender == "invites@acme.example")
        #expect(smtp.trustRootsFile == caFile)
    }

    @Test("without AVARA_SMTP_URL mail goes to the outbox folder")
    func defaultIsFiles() throws {
        let configuration = try ServiceConfiguration(environment: [:])
        #expect(configuration.smtpConfiguration == nil)
    }

    @Test(
        "bad values are refused at start",
        arguments: [
            ["AVARA_SMTP_URL": "imap://mail.example"], ["AVARA_MAIL_FROM": "not an address"],
            ["AVARA_SMTP_CA_FILE": "/nonexistent/ca.pem"],
        ])
    func invalid(environment: [String: String]) {
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration(environment: environment) }
    }
}
