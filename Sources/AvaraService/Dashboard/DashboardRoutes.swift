import AvaraCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The dashboard at `/dashboard`: server-rendered pages over the core's services, with the signed-in user as the
/// actor of every command (surface `dashboard`). Declared once here; each page's handler is in a
/// `DashboardRoutes+…` file. Every error under `/dashboard` is a page (``DashboardErrorMiddleware``).
struct DashboardRoutes: Sendable {
    let services: CoreServices
    let sessions: DashboardSessions
    let pages: DashboardPages
    let random: any RandomSource

    func add(to router: Router<AvaraRequestContext>) {
        // Every answer under /dashboard, a path no route matches included, is a page: the error middleware sits on
        // the router (inside the API's problem+json one) and takes the dashboard's paths.
        router.add(middleware: DashboardErrorMiddleware(pages: pages))
        let group = router.group("dashboard")
        group.get { request, _ in
            let signedIn = try await sessions.signedIn(request)
            return DashboardPages.redirect(to: Self.home(of: signedIn))
        }
        group.get("assets/dashboard.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: DashboardStylesheet.css))
            )
        }
        group.get("sign-in", use: signInPage)
        group.post("sign-in", use: signIn)
        group.post("sign-out", use: signOut)
        group.get("forgot-password", use: forgotPasswordPage)
        group.post("forgot-password", use: forgotPassword)
        group.get("reset/:token", use: resetPage)
        group.post("reset/:token", use: reset)
        group.get("accounts", use: accountsPage)
        group.post("accounts", use: switchAccount)
        group.get("profile", use: profilePage)
        group.get("password", use: passwordPage)
        group.post("password", use: changePassword)
        group.get(":product/users", use: usersPage)
        group.get(":product/invite", use: invitePage)
        group.post(":product/invite", use: invite)
        group.get(":product/users/:userId", use: userPage)
        group.post(":product/users/:userId", use: updateUser)
        group.get(":product/users/:userId/:action", use: confirmPage)
        group.post(":product/users/:userId/:action", use: confirmed)
        let importReports = ImportReports(clock: services.invitations.clock)
        group.get(":product/import", use: importPage)
        group.post(":product/import") { try await importRoster($0, context: $1, reports: importReports) }
        group.get(":product/import/report") { try await importReport($0, context: $1, reports: importReports) }
    }

    /// Where a signed-in person starts: their product's users for owners and admins, their profile for members.
    static func home(of signedIn: SignedIn) -> String {
        let level = signedIn.user.level
        return level == Permissions.ownerLevel || level == Permissions.adminLevel
            ? "/dashboard/\(signedIn.user.product.pathComponent)/users" : "/dashboard/profile"
    }

    /// The values every page of a signed-in person shows: the navigation, the product and clinic, the CSRF token,
    /// and the confirmation `notice` names (one of ``notices``).
    func frame(_ signedIn: SignedIn, current: String, request: Request) -> [String: Any] {
        let user = signedIn.user
        let product = user.product
        var values: [String: Any] = [
            "csrf": signedIn.csrfToken, "productPath": product.pathComponent, "productName": product.displayName,
            "clinicName": signedIn.clinic.name,
        ]
        values["nav"] = [
            "canManage": user.level == Permissions.ownerLevel || user.level == Permissions.adminLevel,
            "hasOtherAccounts": signedIn.session.accounts.count > 1,
            "onUsers": current == "users", "onInvite": current == "invite", "onProfile": current == "profile",
        ]
        if let key = request.uri.queryParameters["notice"].map(String.init), let notice = Self.notices[key] {
            values["notice"] = notice
        }
        return values
    }

    /// The confirmations a redirect may ask the next page to show, by name: fixed texts, so that a link cannot make
    /// the dashboard say anything else.
    static let notices: [String: String] = [
        "invited": "Invitation sent.",
        "updated": "Changes saved.",
        "resent": "Invitation sent again.",
        "revoked": "Invitation revoked.",
        "removed": "User removed.",
        "unchanged": "Nothing to save: no field changed.",
    ]

    /// The product of the path's `:product`.
    ///
    /// - Throws: ``DashboardError/notFound`` for anything else.
    static func product(_ context: AvaraRequestContext) throws -> Product {
        let segment = context.parameters.get("product") ?? ""
        guard let product = Product(pathComponent: segment) else {
            throw DashboardError.notFound
        }
        return product
    }
}
