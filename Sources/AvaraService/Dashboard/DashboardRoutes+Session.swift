import AvaraCore
import Foundation
import Hummingbird

/// Signing in and out, choosing between accounts, the profile and the change of password.
extension DashboardRoutes {
    @Sendable func signInPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        if let token = request.cookies[DashboardSessions.sessionCookie]?.value,
            let signedIn = try await services.logins.signedIn(token: token)
        {
            return DashboardPages.redirect(to: Self.home(of: signedIn))
        }
        return signInForm(email: "", error: nil, status: .ok)
    }

    /// The sign-in page with a new CSRF token (in its cookie and its form).
    private func signInForm(email: String, error: String?, status: HTTPResponse.Status) -> Response {
        withSignInToken { csrf in
            var values: [String: Any] = ["csrf": csrf, "email": email]
            if let error { values["error"] = error }
            return pages.page("sign-in", values, status: status)
        }
    }

    @Sendable func signIn(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let form = try await sessions.signInForm(request, context: context)
        let email = form["email"] ?? ""
        do {
            let (session, accounts) = try await services.logins.signIn(
                email: email, password: form["password"] ?? "", requestId: context.requestId,
                clientAddress: context.clientAddress ?? "unknown"
            )
            var response = DashboardPages.redirect(to: accounts.count > 1 ? "/dashboard/accounts" : "/dashboard")
            response.setCookie(sessions.sessionCookie(session.token, expires: session.expiresAt))
            return response
        } catch ServiceError.loginFailed, ServiceError.malformed {
            return signInForm(
                email: email, error: "The email or password is wrong, or this account cannot sign in to the dashboard.",
                status: .unauthorized)
        } catch ServiceError.tooManyLogins(let wait) {
            var response = signInForm(
                email: email,
                error:
                    "Too many attempts. Try again in \(Int((wait / 60).rounded(.up))) minutes, or reset your password.",
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        _ = try await sessions.form(request, of: signedIn, context: context)
        if let token = request.cookies[DashboardSessions.sessionCookie]?.value {
            try await services.logins.signOut(token: token)
        }
        var response = pages.page(
            "message",
            [
                "heading": "Signed out", "text": "You are signed out of Avara.",
                "link": ["href": "/dashboard/sign-in", "label": "Sign in again"],
            ])
        response.setCookie(sessions.endedSessionCookie())
        return response
    }

    @Sendable func accountsPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let accounts = try await services.logins.accounts(of: signedIn)
        var values = frame(signedIn, current: "accounts", request: request)
        values["accounts"] = accounts.map { account -> [String: Any] in
            [
                "userId": account.user.userId, "productName": account.user.product.displayName,
                "clinicName": account.clinic.name, "level": UserForm.levelLabel(account.user.level),
                "current": account.user.userId == signedIn.user.userId,
            ]
        }
        return pages.page("accounts", values)
    }

    @Sendable func switchAccount(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let form = try await sessions.form(request, of: signedIn, context: context)
        let target = form["userId"] ?? ""
        guard target != signedIn.user.userId else { return DashboardPages.redirect(to: Self.home(of: signedIn)) }
        let session = try await services.logins.switchAccount(
            signedIn, to: target, requestId: context.requestId, clientAddress: context.clientAddress ?? "unknown")
        var response = DashboardPages.redirect(to: "/dashboard")
        response.setCookie(sessions.sessionCookie(session.token, expires: session.expiresAt))
        return response
    }

    @Sendable func profilePage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        var values = frame(signedIn, current: "profile", request: request)
        values["user"] = UserView.detail(signedIn.user)
        return pages.page("profile", values)
    }

    @Sendable func passwordPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        return passwordForm(signedIn, errors: [], request: request, status: .ok)
    }

    @Sendable func changePassword(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let form = try await sessions.form(request, of: signedIn, context: context)
        let errors = try await services.logins.changePassword(
            signedIn, current: form["currentPassword"] ?? "", new: form["newPassword"] ?? "",
            confirmation: form["confirmation"] ?? "")
        guard errors.isEmpty else {
            return passwordForm(signedIn, errors: errors, request: request, status: .unprocessableContent)
        }
        var response = pages.page(
            "message",
            [
                "heading": "Password changed",
                "text": "Your password is changed and every session of your account has ended.",
                "link": ["href": "/dashboard/sign-in", "label": "Sign in with your new password"],
            ])
        response.setCookie(sessions.endedSessionCookie())
        return response
    }

    private func passwordForm(
        _ signedIn: SignedIn, errors: [FieldError], request: Request, status: HTTPResponse.Status
    ) -> Response {
        let fields = [
            FormField(
                name: "currentPassword", label: "Current password", kind: .password, required: true,
                autocomplete: "current-password"),
            .newPassword("newPassword"), .passwordConfirmation,
        ]
        var values = frame(signedIn, current: "profile", request: request)
        values["fields"] = FormField.views(fields, values: [:], errors: errors)
        values.merge(FormField.summary(fields, errors: errors)) { $1 }
        return pages.page("password", values, status: status)
    }
}

/// The values of the `error-summary` template.
enum ErrorSummary {
    static func values(_ errors: [FieldError], label: (String) -> String) -> [String: Any] {
        guard !errors.isEmpty else { return ["hasErrors": false] }
        return [
            "hasErrors": true,
            "errorCount": errors.count == 1 ? "1 problem" : "\(errors.count) problems",
            "errors": errors.map { ["field": $0.field, "label": label($0.field), "message": $0.message] },
        ]
    }
}
