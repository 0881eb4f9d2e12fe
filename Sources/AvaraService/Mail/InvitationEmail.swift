import Foundation

/// The content of an invitation email: subject, plain-text body and HTML body.
///
/// All values are interpolated as text; the HTML body escapes every one of them.
/// (A template engine will replace these hand-written bodies later.)
struct InvitationEmail: Sendable {
    /// The invitee's full name as built by the caller, e.g. `Sarah Johnson`.
    var inviteeName: String
    /// The product the invitee is invited to: `Viewer` or `AutoScribe`.
    var productName: String
    /// The inviting clinic, e.g. `Acme Imaging`.
    var clinicName: String
    /// The invitee's clinic role, e.g. `Radiologist`.
    var clinicRole: String
    /// The access level: `admin` or `member`.
    var level: String
    /// The link that accepts the invitation.
    var acceptURL: String
    /// When the invitation expires, if it does.
    var expiresAt: Date?

    /// The subject line, e.g. `Acme Imaging invited you to Avara Viewer`.
    var subject: String {
        "\(clinicName) invited you to Avara \(productName)"
    }

    /// The plain-text alternative.
    func textBody() -> String {
        var lines = [
            "Hello \(inviteeName),",
            "",
            "\(clinicName) has invited you to join Avara \(productName).",
            "",
            "Role: \(clinicRole)",
            "Access level: \(levelDisplayName)",
            "",
            "Accept your invitation here:",
            acceptURL,
            "",
        ]
        if let expiry = expiryText {
            lines += ["This invitation expires on \(expiry).", ""]
        }
        lines += [
            "If you were not expecting this invitation, you can ignore this email.",
            "",
            "The Avara team",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The HTML alternative: a small inline-styled document with no scripts or external resources.
    func htmlBody() -> String {
        let html = HTMLEscaping.escape
        let paragraph = "margin:0 0 16px 0;font-size:16px;line-height:24px;"
        let note = "margin:0 0 16px 0;font-size:14px;line-height:20px;color:#52606d;"
        let expiry = expiryText.map {
            "<p style=\"\(note)\">This invitation expires on \(html($0)).</p>\n"
        } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="UTF-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(html(subject))</title>
            </head>
            <body style="margin:0;padding:24px;background-color:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1f2933;">
            <div style="max-width:560px;margin:0 auto;padding:32px;background-color:#ffffff;border-radius:8px;">
            <p style="\(paragraph)">Hello \(html(inviteeName)),</p>
            <p style="\(paragraph)"><strong>\(html(clinicName))</strong> has invited you to join <strong>Avara \(html(productName))</strong>.</p>
            <table role="presentation" style="margin:0 0 16px 0;font-size:16px;line-height:24px;border-collapse:collapse;">
            <tr><td style="padding:0 16px 0 0;color:#52606d;">Role</td><td>\(html(clinicRole))</td></tr>
            <tr><td style="padding:0 16px 0 0;color:#52606d;">Access level</td><td>\(html(levelDisplayName))</td></tr>
            </table>
            <p style="margin:24px 0;"><a href="\(html(safeAcceptURL))" style="display:inline-block;padding:12px 24px;background-color:#1f6feb;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;">Accept invitation</a></p>
            <p style="\(note)">If the button does not work, copy this link into your browser:<br>\(html(acceptURL))</p>
            \(expiry)<p style="\(note)">If you were not expecting this invitation, you can ignore this email.</p>
            <p style="margin:0;font-size:16px;line-height:24px;">The Avara team</p>
            </div>
            </body>
            </html>

            """
    }

    /// `Admin` or `Member`; any other value is shown as given.
    private var levelDisplayName: String {
        switch level {
        case "admin": "Admin"
        case "member": "Member"
        default: level
        }
    }

    private var expiryText: String? {
        expiresAt.map(MailDateFormatting.humanReadable)
    }

    /// The link target for the button: only `https` and `http` URLs are linked, anything else
    /// (e.g. `javascript:`) becomes `#`, leaving the link visible as text only.
    private var safeAcceptURL: String {
        let lowered = acceptURL.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://") ? acceptURL : "#"
    }
}
