import AvaraCore
import Foundation
import Hummingbird

/// "Forgot password": the form that emails a reset link, and the page of the link that sets a new password. Both
/// forms carry the CSRF token of their cookie, as the sign-in form does.
extension DashboardRoutes {
    @Sendable func forgotPasswordPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        withSignInToken { csrf in pages.page("forgot-password", ["csrf": csrf, "email": "", "sent": false]) }
    }

    @Sendable func forgotPassword(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let form = try await sessions.signInForm(request, context: context)
        let email = form["email"] ?? ""
        do {
            try await services.passwordResets.requestReset(
                email: email, clientAddress: context.clientAddress ?? "unknown")
        } catch ServiceError.malformed {
            // The same answer as for an email without an account.
        } catch ServiceError.tooManyLogins(let wait) {
            var response = withSignInToken { csrf in
                pages.page(
                    "forgot-password",
                    [
                        "csrf": csrf, "email": email, "sent": false,
                        "error": "Too many requests. Try again in \(Int((wait / 60).rounded(.up))) minutes.",
                    ], status: .tooManyRequests)
            }
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        return pages.page("forgot-password", ["email": email, "sent": true])
    }

    @Sendable func resetPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard try await services.passwordResets.isOpen(token: token) else { return Self.closedResetLink(pages) }
        return resetForm(token: token, problems: [], status: .ok)
    }

    @Sendable func reset(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let form = try await sessions.signInForm(request, context: context)
        guard
            let problems = try await services.passwordResets.reset(
                token: token, password: form["password"] ?? "", confirmation: form["confirmation"] ?? "")
        else {
            return Self.closedResetLink(pages)
        }
        guard problems.isEmpty else {
            return resetForm(token: token, problems: problems, status: .unprocessableContent)
        }
        var response = pages.page(
            "message",
            [
                "heading": "Password changed",
                "text": "Your new password is set, and every session of your account has ended.",
                "link": ["href": "/dashboard/sign-in", "label": "Sign in with your new password"],
            ])
        response.setCookie(sessions.endedSessionCookie())
        return response
    }

    /// The form of a reset link. Its address holds the link's token: the dashboard's `Referrer-Policy: same-origin`
    /// keeps it from other sites (`no-referrer` would also make the browser post the form with `Origin: null`, which
    /// the dashboard refuses).
    private func resetForm(token: String, problems: [String], status: HTTPResponse.Status) -> Response {
        withSignInToken { csrf in
            let errors = problems.map { FieldError(field: "password", message: $0) }
            let fields: [FormField] = [.newPassword("password"), .passwordConfirmation]
            var values: [String: Any] = [
                "csrf": csrf, "action": PasswordResetService.linkPath + token,
                "fields": FormField.views(fields, values: [:], errors: errors),
            ]
            values.merge(FormField.summary(fields, errors: errors)) { $1 }
            return pages.page("reset-password", values, status: status)
        }
    }

    /// A page whose form carries a new sign-in CSRF token, set in its cookie too.
    func withSignInToken(_ page: (String) -> Response) -> Response {
        let csrf = random.base64URL(24)
        var response = page(csrf)
        response.setCookie(sessions.signInCookie(csrf))
        return response
    }

    private static func closedResetLink(_ pages: DashboardPages) -> Response {
        pages.page(
            "message",
            [
                "heading": "This link no longer works",
                "text": "A reset link works once, for one hour. Ask for a new one.",
                "link": ["href": "/dashboard/forgot-password", "label": "Ask for a new link"],
            ], status: .gone)
    }
}
