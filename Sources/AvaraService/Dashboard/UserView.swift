import AvaraCore
import Foundation

/// What the dashboard shows of a user: their name, a table row, every field, and their invitation as a badge.
enum UserView {
    static func name(of user: UserSummary) -> String {
        [user.firstName, user.middleName, user.lastName, user.suffix1, user.suffix2].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The rows of the users table (`{{{rows}}}` in `users.mustache`).
    ///
    /// Made in Swift rather than by a Mustache section: each `{{value}}` costs Mustache a walk up its context stack
    /// with dynamic casts of every object on it, and 25 rows of 11 values were a third of the server's CPU for a
    /// page of users (`scripts/bench`, users-page-postgres). ``HTMLFragment`` escapes every value as `{{value}}` would.
    static func rows(_ users: [UserSummary], product: Product) -> HTMLFragment {
        HTMLFragment(
            joining: users.map { user -> HTMLFragment in
                let (status, statusClass) = invitation(of: user)
                let (emailState, emailClass) = email(of: user)
                let lastLogin = user.lastLoginAt.map(DashboardDates.text) ?? "Never"
                return """
                    <tr>
                    <td data-label="Name"><a href="/dashboard/\(product.pathComponent)/users/\(user.userId)">\(name(of: user))</a></td>
                    <td data-label="Email">\(user.email)</td>
                    <td data-label="Clinic role">\(user.clinicRole)</td>
                    <td data-label="Level">\(UserForm.levelLabel(user.level))</td>
                    <td data-label="Invitation"><span class="badge \(statusClass)">\(status)</span></td>
                    <td data-label="Email delivery"><span class="badge \(emailClass)">\(emailState)</span></td>
                    <td data-label="Last login">\(lastLogin)</td>
                    </tr>

                    """
            })
    }

    /// Every field of the user, for their page.
    static func detail(_ user: UserRecord) -> [String: Any] {
        let summary = user.summary
        let (status, statusClass) = invitation(of: summary)
        var fields: [(String, String)] = [
            ("Email", user.email), ("Clinic role", user.clinicRole), ("Level", UserForm.levelLabel(user.level)),
            ("Phone number", user.phoneNumber ?? "None"),
            ("Can manage studies", user.canManageStudies ? "Yes" : "No"),
            ("Dashboard access", user.hasDashboardAccess ? "Yes" : "No"),
        ]
        if user.product.takesReports {
            fields += [
                ("Can create reports", (user.canCreateReports ?? false) ? "Yes" : "No"),
                ("NPI number", user.npiNumber ?? "None"),
            ]
        }
        fields += [
            ("Invitation", status),
            ("Invitation email", email(of: summary).text),
            ("Invited through", user.invitedSource == "dashboard" ? "Dashboard" : "API"),
            ("Invited", DashboardDates.text(user.createdAt)),
            ("Last login", user.lastLoginAt.map(DashboardDates.text) ?? "Never"),
            ("User id", user.userId),
        ]
        return [
            "userId": user.userId, "name": name(of: summary), "status": status, "statusClass": statusClass,
            "fields": fields.map { ["label": $0.0, "value": $0.1] },
        ]
    }

    /// The invitation's status as a badge text and class; "Deactivated" for a user the clinic's identity provider
    /// deactivated, whatever their invitation.
    static func invitation(of user: UserSummary) -> (text: String, badge: String) {
        guard user.active else { return ("Deactivated", "bad") }
        return switch user.invitation?.status {
        case .accepted: ("Accepted", "ok")
        case .expired: ("Expired", "warn")
        case .revoked: ("Revoked", "off")
        case .pending, nil: ("Pending", "info")
        }
    }

    /// The invitation email's delivery state as a badge text and class.
    static func email(of user: UserSummary) -> (text: String, badge: String) {
        switch user.invitation?.email?.status {
        case .sent: ("Sent", "ok")
        case .failed: ("Failed", "bad")
        case .queued: ("Sending", "info")
        case nil: ("None", "off")
        }
    }
}

/// Dates as the dashboard shows them: `6 Dec 2026, 15:52 UTC`.
enum DashboardDates {
    static func text(_ date: Date) -> String {
        date.formatted(
            Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: TimeZone(identifier: "UTC") ?? .gmt)
                .locale(Locale(identifier: "en_GB"))) + " UTC"
    }
}
