import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraMail

@Suite("Mail rendering")
struct MailRenderingTests {
    // MARK: - Headers

    @Test("a display name with CR/LF cannot inject a header")
    func displayNameCannotInjectHeaders() throws {
        let message = Self.message(toName: "Eve\r\nBcc: victim@example.com\nX-Evil: 1\r\n\r\nbody")
        let headers = Self.headerLines(message.rfc5322())

        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
        #expect(Self.fieldNames(headers) == Self.expectedFieldNames)
        let to = try #require(Self.field("To", in: message.rfc5322()))
        #expect(to == "\"Eve Bcc: victim@example.com X-Evil: 1 body\" <sarah@example.com>")
    }

    @Test("a subject or address with line breaks cannot inject a header")
    func subjectAndAddressCannotInjectHeaders() throws {
        var message = Self.message()
        message.subject = "Hi\r\nBcc: victim@example.com"
        message.to.address = "sarah@example.com>\r\nBcc: victim@example.com"
        message.messageId = "inv-1@avara\r\nBcc: x@y"
        let rendered = message.rfc5322()
        let headers = Self.headerLines(rendered)

        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
        #expect(Self.fieldNames(headers) == Self.expectedFieldNames)
        #expect(Self.field("Subject", in: rendered) == "Hi  Bcc: victim@example.com")
        #expect(Self.field("To", in: rendered) == "\"Sarah Johnson\" <sarah@example.comBcc:victim@example.com>")
        #expect(Self.field("Message-ID", in: rendered) == "<inv-1@avaraBcc:x@y>")
    }

    @Test(
        "Unicode line separators and control characters never reach a header",
        arguments: [
            "A\u{2028}B", "A\u{2029}B", "A\u{85}B", "A\u{0B}B", "A\u{0C}B", "A\tB", "A\u{0}B",
        ])
    func unicodeLineBreaksAreNeutralised(name: String) throws {
        let rendered = Self.message(toName: name).rfc5322()
        let to = try #require(Self.field("To", in: rendered))
        #expect(to == "\"A B\" <sarah@example.com>")
    }

    @Test("an ASCII display name is quoted, with quotes and backslashes escaped")
    func asciiDisplayNameIsQuoted() {
        #expect(Self.field("To", in: Self.message().rfc5322()) == "\"Sarah Johnson\" <sarah@example.com>")
        let tricky = Self.message(toName: #"Back\slash "Doc" O'Brien, MD"#).rfc5322()
        #expect(Self.field("To", in: tricky) == #""Back\\slash \"Doc\" O'Brien, MD" <sarah@example.com>"#)
    }

    @Test("a message without a display name has a bare address")
    func missingDisplayNameGivesBareAddress() {
        #expect(Self.field("To", in: Self.message(toName: nil).rfc5322()) == "<sarah@example.com>")
        #expect(Self.field("To", in: Self.message(toName: " \r\n ").rfc5322()) == "<sarah@example.com>")
    }

    @Test(
        "a non-ASCII display name is RFC 2047 encoded",
        arguments: [
            "Zoë Ñúñez-Østergård", "李小龍", "Bérénice-Amélie Rosemonde Dûbois-Bénard", "Александр Пушкин",
        ])
    func nonASCIIDisplayNameIsEncoded(name: String) throws {
        let rendered = Self.message(toName: name).rfc5322()
        let to = try #require(Self.field("To", in: rendered))

        #expect(to.contains("=?UTF-8?B?"))
        #expect(to.hasSuffix(" <sarah@example.com>"))
        #expect(Self.headerBlock(rendered).utf8.allSatisfy { $0 < 0x80 })
        #expect(Self.decodePhrase(String(to.dropLast(" <sarah@example.com>".count))) == name)
    }

    @Test("ASCII words next to non-ASCII ones stay readable atoms")
    func mixedDisplayNameKeepsASCIIWordsPlain() throws {
        let to = try #require(Self.field("To", in: Self.message(toName: "Bérénice Rosemonde Dûbois").rfc5322()))
        #expect(to.contains(" Rosemonde "))
    }

    @Test("a non-ASCII subject is encoded in words of at most 75 characters split between scalars")
    func nonASCIISubjectIsEncodedAndSplit() throws {
        var message = Self.message()
        message.subject = "Grüße 🎉 " + String(repeating: "ü李", count: 40)
        let rendered = message.rfc5322()
        let subject = try #require(Self.field("Subject", in: rendered))
        let words = subject.split(separator: " ")

        #expect(words.count > 1)
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = try #require(Data(base64Encoded: String(payload)))
            #expect(String(bytes: bytes, encoding: .utf8) != nil, "every word decodes on its own")
        }
        #expect(Self.decodePhrase(subject) == message.subject)
        #expect(Self.headerLines(rendered).allSatisfy { $0.count <= 78 })
    }

    @Test("a long ASCII subject is folded at spaces and unfolds to the original")
    func longASCIISubjectIsFolded() throws {
        var message = Self.message()
        message.subject =
            "Acme Imaging Center of Northern California and the Greater Bay Area invited you to Avara AutoScribe"
        let rendered = message.rfc5322()

        #expect(Self.field("Subject", in: rendered) == message.subject)
        #expect(Self.headerLines(rendered).allSatisfy { $0.count <= 78 })
        #expect(rendered.contains("Subject: Acme Imaging"))
    }

    @Test("text that looks like an encoded-word is itself encoded")
    func encodedWordLookalikeIsEncoded() throws {
        var message = Self.message(toName: "=?UTF-8?B?SGk=?=")
        message.subject = "=?UTF-8?B?SGk=?="
        let rendered = message.rfc5322()
        let subject = try #require(Self.field("Subject", in: rendered))
        let to = try #require(Self.field("To", in: rendered))

        #expect(subject != message.subject)
        #expect(Self.decodePhrase(subject) == message.subject)
        #expect(Self.decodePhrase(String(to.dropLast(" <sarah@example.com>".count))) == "=?UTF-8?B?SGk=?=")
    }

    @Test("Date is an RFC 5322 date in UTC and Message-ID is in angle brackets")
    func dateAndMessageIdHeaders() {
        let rendered = Self.message().rfc5322()
        #expect(Self.field("Date", in: rendered) == "Tue, 24 Nov 2026 10:00:00 +0000")
        #expect(Self.field("Message-ID", in: rendered) == "<inv-0123abcd@avara.local>")
        #expect(Self.field("MIME-Version", in: rendered) == "1.0")
    }

    @Test("every line ends with CRLF and header lines stay short")
    func linesEndWithCRLF() {
        let rendered = Self.message().rfc5322()
        let bytes = Array(rendered.utf8)

        #expect(rendered.hasSuffix("\r\n"))
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A {
                #expect(index > 0 && bytes[index - 1] == 0x0D)
            } else if byte == 0x0D {
                #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A)
            }
        }
        #expect(Self.headerLines(rendered).allSatisfy { $0.count <= 78 })
    }

    // MARK: - MIME structure

    @Test("the message is multipart/alternative with a text part then an HTML part")
    func multipartStructure() throws {
        let message = Self.message()
        let rendered = message.rfc5322()
        let contentType = try #require(Self.field("Content-Type", in: rendered))
        let boundary = message.mimeBoundary
        let parts = try Self.parts(of: rendered, boundary: boundary)

        #expect(contentType == "multipart/alternative; boundary=\"\(boundary)\"")
        #expect(rendered.hasSuffix("\r\n--\(boundary)--\r\n"))
        #expect(parts.count == 2)
        #expect(
            parts.map(\.headers) == [
                ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"],
                ["Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"],
            ])
        #expect(try Self.decodeQuotedPrintable(parts[0].body) == Self.crlf(message.textBody))
        #expect(try Self.decodeQuotedPrintable(parts[1].body) == Self.crlf(message.htmlBody))
    }

    @Test("rendering is deterministic and the boundary depends on the Message-ID")
    func boundaryIsDeterministic() {
        let message = Self.message()
        var other = message
        other.messageId = "inv-other@avara.local"

        #expect(message.rfc5322() == message.rfc5322())
        #expect(message.mimeBoundary == Self.message().mimeBoundary)
        #expect(message.mimeBoundary != other.mimeBoundary)
        #expect(message.mimeBoundary.hasPrefix("=_"))
    }

    @Test("a body containing the boundary text cannot end its part early")
    func bodyCannotForgeBoundary() throws {
        var message = Self.message()
        message.textBody =
            "--\(message.mimeBoundary)\nContent-Type: text/html\n\n<b>forged</b>\n--\(message.mimeBoundary)--\n"
        let parts = try Self.parts(of: message.rfc5322(), boundary: message.mimeBoundary)

        #expect(parts.count == 2)
        #expect(try Self.decodeQuotedPrintable(parts[0].body) == Self.crlf(message.textBody))
    }

    // MARK: - Quoted-printable

    @Test(
        "quoted-printable round-trips long lines, '=', non-ASCII and whitespace",
        arguments: [
            String(repeating: "abcdefghij", count: 40),
            "a=b==c=\n=",
            "Grüße aus Zürich — ✓ 李小龍 🐉 " + String(repeating: "é", count: 100),
            "trailing spaces   \nand tabs\t\t\nend ",
            "x" + String(repeating: "=", count: 60) + " " + String(repeating: "ü", count: 30),
            "",
            "\n\n",
            "From the start\n.\n",
        ])
    func quotedPrintableRoundTrip(text: String) throws {
        let encoded = QuotedPrintable.encode(text)

        #expect(try Self.decodeQuotedPrintable(encoded) == Self.crlf(text))
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
            #expect(line.utf8.allSatisfy { $0 == 0x09 || (0x20..<0x7F).contains($0) })
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
        }
    }

    @Test("quoted-printable escapes '=' and non-ASCII bytes in upper-case hex")
    func quotedPrintableEscapes() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode("é") == "=C3=A9")
        #expect(QuotedPrintable.encode("end ") == "end=20")
        #expect(QuotedPrintable.encode("one\r\ntwo\rthree\nfour") == "one\r\ntwo\r\nthree\r\nfour")
    }

    @Test("soft line breaks never split an escape sequence")
    func softBreaksKeepEscapesWhole() throws {
        let encoded = QuotedPrintable.encode(String(repeating: "é", count: 50))
        let lines = encoded.components(separatedBy: "\r\n")

        #expect(lines.count > 1)
        for line in lines.dropLast() {
            #expect(line.hasSuffix("="))
            #expect(line.dropLast().count % 3 == 0, "only whole =XX escapes before the soft break")
        }
    }

    @Test("expiry dates use day, full month name, year and UTC time")
    func humanReadableExpiry() {
        #expect(
            MailDateFormatting.humanReadable(Date(timeIntervalSince1970: 1_795_514_400))
                == "24 November 2026 at 10:00 UTC")
        #expect(
            MailDateFormatting.humanReadable(Date(timeIntervalSince1970: 1_772_355_900)) == "1 March 2026 at 09:05 UTC")
    }

    // MARK: - Fixtures

    static let expectedFieldNames = ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type"]

    static func message(toName: String? = "Sarah Johnson") -> MailMessage {
        MailMessage(
            messageId: "inv-0123abcd@avara.local",
            date: Date(timeIntervalSince1970: 1_795_514_400),
            from: MailAddress(name: "Avara", address: "no-reply@avara.local"),
            to: MailAddress(name: toName, address: "sarah@example.com"),
            subject: "Acme Imaging invited you to Avara Viewer",
            textBody: "Hello Sarah Johnson,\n\nA line with = and é and a long tail "
                + String(repeating: "x", count: 100) + "\n",
            htmlBody: "<p style=\"color:#000\">Hello Sarah Johnson,</p>\n"
        )
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("avara-mail-\(UUID().uuidString)")
    }

    // MARK: - Parsing helpers

    struct Part: Equatable {
        var headers: [String]
        var body: String
    }

    /// The header block (before the first empty line), without its final CRLF.
    static func headerBlock(_ rendered: String) -> String {
        rendered.components(separatedBy: "\r\n\r\n")[0]
    }

    /// Raw header lines, continuation lines included.
    static func headerLines(_ rendered: String) -> [String] {
        headerBlock(rendered).components(separatedBy: "\r\n")
    }

    /// Names of the header fields, in order.
    static func fieldNames(_ lines: [String]) -> [String] {
        lines.filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }.map { String($0.prefix { $0 != ":" }) }
    }

    /// The unfolded value of the top-level field `name`.
    static func field(_ name: String, in rendered: String) -> String? {
        let unfolded = headerBlock(rendered).replacingOccurrences(of: "\r\n ", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") where line.hasPrefix(name + ":") {
            return String(line.dropFirst(name.count + 1).drop { $0 == " " })
        }
        return nil
    }

    /// Decodes a phrase of atoms, quoted strings and `=?UTF-8?B?...?=` words; whitespace between
    /// adjacent encoded-words is dropped (RFC 2047, section 6.2).
    static func decodePhrase(_ phrase: String) -> String? {
        var result = ""
        var previousWasEncoded = false
        for word in phrase.split(separator: " ") {
            if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") {
                guard let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))),
                    let text = String(data: data, encoding: .utf8)
                else { return nil }
                result += (previousWasEncoded || result.isEmpty ? "" : " ") + text
                previousWasEncoded = true
            } else {
                var text = String(word)
                if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
                    text = String(text.dropFirst().dropLast())
                }
                result += (result.isEmpty ? "" : " ") + text
                previousWasEncoded = false
            }
        }
        return result
    }

    /// Splits a multipart body into its parts.
    static func parts(of rendered: String, boundary: String) throws -> [Part] {
        let body = try #require(rendered.range(of: "\r\n\r\n")).upperBound
        let sections = rendered[body...].components(separatedBy: "--\(boundary)")
        try #require(sections.count >= 3)
        try #require(sections.last == "--\r\n")
        return try sections.dropFirst().dropLast().map { section in
            try #require(section.hasPrefix("\r\n") && section.hasSuffix("\r\n"))
            // "\r\n" is a single Character in Swift, so one Character is dropped at each end.
            let content = section.dropFirst().dropLast()
            let split = try #require(content.range(of: "\r\n\r\n"))
            return Part(
                headers: content[..<split.lowerBound].components(separatedBy: "\r\n"),
                body: String(content[split.upperBound...])
            )
        }
    }

    /// Decodes quoted-printable text (RFC 2045): drops soft line breaks and decodes `=XX`.
    static func decodeQuotedPrintable(_ encoded: String) throws -> String {
        var bytes: [UInt8] = []
        let input = Array(encoded.utf8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < input.count, input[index + 1] == 0x0D, input[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                try #require(index + 2 < input.count, "truncated escape")
                let hex = try #require(
                    UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16))
                bytes.append(hex)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return try #require(String(bytes: bytes, encoding: .utf8))
    }

    /// `text` with every line break as CRLF, as the encoder emits them.
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }
}
