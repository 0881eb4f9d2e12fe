import AvaraCore

/// The pages an invited person sees at `/invitations/{token}`.
enum InvitationPages {
    /// The form that accepts the invitation by setting a password.
    static func form(_ invitation: InvitationLookup, errors: [String] = []) -> String {
        let html = HTMLEscaping.escape
        let product = "Avara \(invitation.user.product.displayName)"
        let problems =
            errors.isEmpty
            ? ""
            : "<ul class=\"errors\" role=\"alert\">" + errors.map { "<li>Password \(html($0))</li>" }.joined()
                + "</ul>\n"
        return PageLayout.document(
            title: "Join \(product)",
            body: """
                <h1>Join \(html(product))</h1>
                <p><strong>\(html(invitation.clinicName))</strong> invited you, \(html(invitation.user.firstName)), to \(html(product)) as \(html(invitation.user.clinicRole)).</p>
                <p class="muted">You will sign in as \(html(invitation.user.email)). Choose a password of at least \(PasswordRule.minimumLength) characters.</p>
                \(problems)<form method="post">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="new-password" minlength="\(PasswordRule.minimumLength)" required>
                <label for="confirmation">Password again</label>
                <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" minlength="\(PasswordRule.minimumLength)" required>
                <button type="submit">Accept invitation</button>
                </form>
                """
        )
    }

    /// After a successful acceptance.
    static func accepted(_ invitation: InvitationLookup) -> String {
        let html = HTMLEscaping.escape
        let product = "Avara \(invitation.user.product.displayName)"
        let next =
            invitation.user.hasDashboardAccess
            ? "You can now sign in to the \(html(product)) dashboard with \(html(invitation.user.email)) and your new password."
            : "\(html(invitation.clinicName)) will tell you how to start using \(html(product))."
        return PageLayout.document(
            title: "Welcome to \(product)",
            body: """
                <h1>Welcome to \(html(product))</h1>
                <p>Your invitation from <strong>\(html(invitation.clinicName))</strong> is accepted.</p>
                <p>\(next)</p>
                """
        )
    }

    /// A link that does not work, with a reason a person can act on.
    static func closed(_ reason: AcceptanceService.ClosedReason) -> String {
        let (title, text): (String, String) =
            switch reason {
            case .unknown:
                (
                    "Invitation not found",
                    "This invitation link is not valid. It may have been replaced by a newer invitation: use the link in the most recent email, or ask your clinic to send it again."
                )
            case .expired:
                ("Invitation expired", "This invitation has expired. Ask your clinic to send it again.")
            case .revoked:
                (
                    "Invitation withdrawn",
                    "Your clinic withdrew this invitation. Ask them if you think this is a mistake."
                )
            case .used:
                (
                    "Invitation already accepted",
                    "This invitation was already accepted. Sign in with your email and password."
                )
            case .deactivated:
                (
                    "Account deactivated",
                    "Your clinic has deactivated this account. Ask them if you think this is a mistake."
                )
            }
        return PageLayout.document(
            title: title, body: "<h1>\(HTMLEscaping.escape(title))</h1>\n<p>\(HTMLEscaping.escape(text))</p>")
    }
}
