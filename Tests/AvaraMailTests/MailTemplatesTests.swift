import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraMail

@Suite("Invitation email templates")
struct MailTemplatesTests {
    static func email(
        product: String = "Viewer", name: String = "Sarah Johnson", clinic: String = "Acme Imaging",
        role: String = "Radiologist", level: String = "admin",
        link: String = "https://avara.example.org/invitations/tok_123?x=1&y=2",
        expiresAt: Date? = Date(timeIntervalSince1970: 1_795_514_400)
    ) -> QueuedEmail {
        QueuedEmail(
            messageId: "inv_1.ab@avara", date: Date(timeIntervalSince1970: 1_795_000_000),
            from: MailAddress(name: "Avara", address: "no-reply@avara.localhost"),
            to: MailAddress(name: name, address: "sarah@example.com"), productName: product, clinicName: clinic,
            clinicRole: role, level: level, acceptURL: link, expiresAt: expiresAt
        )
    }

    @Test("the subject names the clinic and the product", arguments: ["Viewer", "AutoScribe"])
    func subject(product: String) async throws {
        let templates = try await MailTemplates.load()
        #expect(
            templates.render(Self.email(product: product)).subject == "Acme Imaging invited you to Avara \(product)")
    }

    @Test("the text body greets the invitee and names product, clinic, role, level, link and expiry, unescaped")
    func textBody() async throws {
        let templates = try await MailTemplates.load()
        let text = templates.render(Self.email(clinic: "Smith & Jones <Imaging>")).text
        #expect(text.hasPrefix("Hello Sarah Johnson,\n"))
        #expect(text.contains("Smith & Jones <Imaging> has invited you to join Avara Viewer"))
        #expect(text.contains("Role: Radiologist"))
        #expect(text.contains("Access level: Admin"))
        #expect(text.contains("\nhttps://avara.example.org/invitations/tok_123?x=1&y=2\n"))
        #expect(text.contains("This invitation expires on 24 November 2026 at 10:00 UTC."))
    }

    @Test("each product has its own wording")
    func productsDiffer() async throws {
        let templates = try await MailTemplates.load()
        let viewer = templates.render(Self.email(product: "Viewer")).text
        let scribe = templates.render(Self.email(product: "AutoScribe")).text
        #expect(viewer.contains("imaging studies"))
        #expect(scribe.contains("radiology reports"))
    }

    @Test("no expiry sentence without an expiry date")
    func withoutExpiry() async throws {
        let templates = try await MailTemplates.load()
        let rendered = templates.render(Self.email(expiresAt: nil))
        #expect(!rendered.text.contains("expires"))
        #expect(!rendered.html.contains("expires"))
    }

    @Test("the HTML body escapes every interpolated value")
    func htmlEscapes() async throws {
        let hostile = #"<script>alert('x')</script> & "Co""#
        let templates = try await MailTemplates.load()
        let html = templates.render(
            Self.email(
                name: hostile, clinic: hostile, role: hostile, link: "https://avara.example.org/i?a=1&b=\"><script>"
            )
        ).html
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains(#"href="https://avara.example.org/i?a=1&b=">"#))
    }

    @Test("the HTML body is a self-contained document with a link button")
    func htmlIsSelfContained() async throws {
        let templates = try await MailTemplates.load()
        let html = templates.render(Self.email()).html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Hello Sarah Johnson,"))
        #expect(html.contains(#"<a href="https://avara.example.org/invitations/tok_123?x=1&amp;y=2""#))
        #expect(html.contains("This invitation expires on 24 November 2026 at 10:00 UTC."))
        for forbidden in ["<script", "<link", "<img", "src=", "url(", "@import"] {
            #expect(!html.lowercased().contains(forbidden))
        }
    }

    @Test("a non-HTTP accept URL is not made a link")
    func nonHTTPLink() async throws {
        let templates = try await MailTemplates.load()
        let html = templates.render(Self.email(link: "javascript:alert(1)")).html
        #expect(html.contains(##"<a href="#""##))
        #expect(!html.contains(#"href="javascript"#))
    }

    @Test("an operator's folder replaces the templates it has; the others stay built-in")
    func overrides() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "avara-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("viewer"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{% CONTENT_TYPE: TEXT}}Welcome to {{clinicName}}, {{firstName}}!"
            .write(to: folder.appendingPathComponent("viewer/subject.mustache"), atomically: true, encoding: .utf8)
        let templates = try await MailTemplates.load(overrides: folder.path)
        #expect(templates.render(Self.email()).subject == "Welcome to Acme Imaging, Sarah!")
        #expect(
            templates.render(Self.email(product: "AutoScribe")).subject
                == "Acme Imaging invited you to Avara AutoScribe")
        #expect(templates.render(Self.email()).text.hasPrefix("Hello Sarah Johnson,"))
    }

    @Test("a missing folder or a broken template is refused at start with its name")
    func brokenTemplates() async throws {
        await #expect(throws: TemplateError.self) {
            try await MailTemplates.load(overrides: "/nonexistent/avara")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "avara-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("autoScribe"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{#open}}never closed".write(
            to: folder.appendingPathComponent("autoScribe/html.mustache"), atomically: true, encoding: .utf8
        )
        let error = await #expect(throws: (any Error).self) {
            try await MailTemplates.load(overrides: folder.path)
        }
        #expect(String(describing: error).contains("html"))
    }
}
