import AvaraCore
import Foundation
import Mustache

/// The emails' Mustache templates: a subject, a plain-text and an HTML body per product for invitations, and the
/// same for the email that resets a password (`passwordReset/`).
///
/// The built-in templates ship in the service (`Mail/Templates/`). An operator can replace any of them with
/// `--templates DIR`: `DIR/viewer/html.mustache` replaces the built-in Viewer HTML body, and so on; templates
/// missing from `DIR` stay built-in. Every template is parsed at start, so a broken one stops the service with
/// its name instead of failing mail later.
///
/// Values available to the templates: `inviteeName`, `firstName`, `productName`, `clinicName`, `clinicRole`,
/// `level` (`Admin`/`Member`), `acceptURL`, `linkTarget` (the URL when it is http(s), else `#`), and `expiresAt`
/// (e.g. `24 November 2026 at 10:00 UTC`; absent when the invitation does not expire). A reset email has
/// `inviteeName`, `firstName`, `acceptURL` (the reset link), `linkTarget` and `expiresAt`.
package struct MailTemplates: Sendable {
    /// The templates every product needs.
    package static let parts = ["subject", "text", "html"]
    /// The templates' folders: the products' for invitations, then the password reset's.
    package static let folders = ["viewer", "autoScribe", "passwordReset"]

    private let library: MustacheLibrary

    /// The built-in templates, with those of `overrides` (a folder) in their place where it has them.
    package static func load(overrides: String? = nil) async throws -> MailTemplates {
        guard let builtIn = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw TemplateError("the built-in mail templates are missing from the service's resources")
        }
        var library = try await MustacheLibrary(directory: builtIn.path)
        if let overrides {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: overrides, isDirectory: &isFolder), isFolder.boolValue else {
                throw TemplateError("--templates: \(overrides) is not a folder")
            }
            let custom = try await MustacheLibrary(directory: overrides)
            for product in folders {
                for part in parts {
                    if let template = custom.getTemplate(named: "\(product)/\(part)") {
                        library.register(template, named: "\(product)/\(part)")
                    }
                }
            }
        }
        for product in folders {
            for part in parts where library.getTemplate(named: "\(product)/\(part)") == nil {
                throw TemplateError("the mail template \(product)/\(part).mustache is missing")
            }
        }
        return MailTemplates(library: library)
    }

    /// The subject and bodies of `email`.
    package func render(_ email: QueuedEmail) -> (subject: String, text: String, html: String) {
        let product =
            email.kind == .passwordReset ? "passwordReset" : email.productName == "AutoScribe" ? "autoScribe" : "viewer"
        let context = Self.context(of: email)
        func render(_ part: String) -> String {
            library.render(context, withTemplate: "\(product)/\(part)") ?? ""
        }
        let subject = render("subject").split(whereSeparator: \.isNewline).joined(separator: " ")
        return (subject.trimmingCharacters(in: .whitespaces), render("text"), render("html"))
    }

    private static func context(of email: QueuedEmail) -> [String: TemplateValue] {
        let name = email.to.name ?? email.to.address
        let values: [String: String] = [
            "inviteeName": name,
            "firstName": name.split(separator: " ").first.map(String.init) ?? name,
            "productName": email.productName,
            "clinicName": email.clinicName,
            "clinicRole": email.clinicRole,
            "level": email.level == "admin" ? "Admin" : email.level == "member" ? "Member" : email.level,
            "acceptURL": email.acceptURL,
            "linkTarget": isWebURL(email.acceptURL) ? email.acceptURL : "#",
        ]
        var context = values.mapValues(TemplateValue.init)
        if let expiresAt = email.expiresAt {
            context["expiresAt"] = TemplateValue(MailDateFormatting.humanReadable(expiresAt))
        }
        return context
    }

    private static func isWebURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
    }
}

/// A text the templates show, escaped in HTML.
///
/// Rendered as itself: Mustache renders other values through reflection (is it optional, is it a lambda, its
/// description), several dynamic casts for every variable of every email.
private struct TemplateValue: MustacheCustomRenderable, MustacheParent {
    let renderText: String
    var isNull: Bool { false }

    init(_ text: String) { renderText = text }

    /// A text has no children: the names inside its section (`{{#expiresAt}}…{{/expiresAt}}`) are the email's.
    func child(named: String) -> Any? { nil }
}

/// A mail template that cannot be used.
package struct TemplateError: Error, CustomStringConvertible, Equatable {
    package var description: String
    package init(_ description: String) { self.description = description }
}
