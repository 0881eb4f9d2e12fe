import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird

/// The dashboard's cookies and the checks of each request: who is signed in, and whether a form was sent by a page
/// of this dashboard (its CSRF token, and an `Origin` of this service).
struct DashboardSessions: Sendable {
    /// The session cookie: the session's token (the database keeps its hash).
    static let sessionCookie = "avara_session"
    /// The sign-in form's CSRF cookie, before there is a session (its value is repeated in the form).
    static let signInCookie = "avara_sign_in"

    let logins: LoginService
    let links: InvitationLinks

    /// Whether cookies are `Secure`: whenever the public URL is https.
    var secureCookies: Bool { links.baseURL.lowercased().hasPrefix("https://") }

    /// The signed-in person of `request`.
    ///
    /// - Throws: ``DashboardError/signInRequired`` when no session holds.
    func signedIn(_ request: Request) async throws -> SignedIn {
        guard let token = request.cookies[Self.sessionCookie]?.value,
            let signedIn = try await logins.signedIn(token: token)
        else {
            throw DashboardError.signInRequired
        }
        return signedIn
    }

    /// The form of a state-changing request of `signedIn`, once its CSRF token and origin are checked.
    ///
    /// - Throws: ``DashboardError/forgedRequest`` without this session's token or from another origin.
    func form(_ request: Request, of signedIn: SignedIn, context: AvaraRequestContext) async throws -> DashboardForm {
        let form = try await DashboardForm(request, context: context)
        guard isSameOrigin(request), form["csrf"] == signedIn.csrfToken else { throw DashboardError.forgedRequest }
        return form
    }

    /// The sign-in form, once its CSRF token (the one of its cookie) and origin are checked.
    func signInForm(_ request: Request, context: AvaraRequestContext) async throws -> DashboardForm {
        let form = try await DashboardForm(request, context: context)
        guard isSameOrigin(request), let cookie = request.cookies[Self.signInCookie]?.value, !cookie.isEmpty,
            form["csrf"] == cookie
        else {
            throw DashboardError.forgedRequest
        }
        return form
    }

    /// Whether the request's `Origin` is this service: the public URL's, or that of the `Host` it was sent to. A
    /// request without `Origin` (every browser sends one with a form's POST) is refused.
    func isSameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin]?.lowercased() else { return false }
        if origin == Self.origin(of: links.baseURL) { return true }
        guard let host = request.head.authority?.lowercased(), let separator = origin.range(of: "://") else {
            return false
        }
        return origin[separator.upperBound...] == host
    }

    /// `scheme://host[:port]` of `url`, lowercased.
    static func origin(of url: String) -> String {
        let lowered = url.lowercased()
        guard let separator = lowered.range(of: "://") else { return lowered }
        let rest = lowered[separator.upperBound...]
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? rest
        return String(lowered[..<separator.upperBound]) + authority
    }

    /// The session cookie of `token`: `HttpOnly`, `SameSite=Lax`, `Secure` on https, for the dashboard's paths.
    func sessionCookie(_ token: String, expires: Date) -> Cookie {
        Cookie(
            name: Self.sessionCookie, value: token, expires: expires, path: "/dashboard", secure: secureCookies,
            httpOnly: true, sameSite: .lax
        )
    }

    /// A cookie that deletes the session cookie.
    func endedSessionCookie() -> Cookie {
        Cookie(
            name: Self.sessionCookie, value: "", maxAge: 0, path: "/dashboard", secure: secureCookies, httpOnly: true,
            sameSite: .lax
        )
    }

    /// The sign-in form's CSRF cookie.
    func signInCookie(_ value: String) -> Cookie {
        Cookie(
            name: Self.signInCookie, value: value, path: "/dashboard", secure: secureCookies, httpOnly: true,
            sameSite: .strict
        )
    }
}

/// The fields of a dashboard form (`application/x-www-form-urlencoded`), read by Hummingbird's
/// `URLEncodedFormDecoder`; a body it cannot read has no fields.
struct DashboardForm: Sendable {
    private var values: [String: String]

    init(_ request: Request, context: AvaraRequestContext) async throws {
        let body = try await request.body.collect(upTo: AvaraRequestContext.maxBodySize)
        values = (try? URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))) ?? [:]
    }

    subscript(_ name: String) -> String? { values[name] }
}
