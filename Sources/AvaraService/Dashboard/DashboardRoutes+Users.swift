import AvaraCore
import Foundation
import Hummingbird

/// A product's users: the table, the invite form, a user's page with its edit form.
extension DashboardRoutes {
    /// Rows per page of the users table.
    static let pageSize = 25

    @Sendable func usersPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        let query = request.uri.queryParameters
        func chosen(_ name: String, _ allowed: [String]) -> String? {
            query[name[...]].map(String.init).flatMap { allowed.contains($0) ? $0 : nil }
        }
        let roles = RuleBook.standard[product].allowedRoles
        let levels = [Permissions.ownerLevel, Permissions.adminLevel, "member"]
        let statuses = ["pending", "accepted", "expired", "revoked"]
        let q = query["q"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let filter = UserFilter(
            level: chosen("level", levels), clinicRole: chosen("role", roles),
            invitationStatus: chosen("status", statuses).flatMap(InvitationState.Status.init(rawValue:)), prefix: q)
        let after = query["after"].map(String.init)
        let page = try await services.users.summaryPage(
            product: product,
            context: signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress),
            filter: filter, order: .newest, after: after, limit: Self.pageSize)
        var values = frame(signedIn, current: "users", request: request)
        values["productPath"] = product.pathComponent
        values["productName"] = product.displayName
        values["q"] = q ?? ""
        values["rows"] = UserView.rows(page.users, product: product)
        values["hasUsers"] = !page.users.isEmpty
        values["filtered"] =
            q != nil || filter.level != nil || filter.clinicRole != nil || filter.invitationStatus != nil
        func select(_ name: String, _ label: String, _ options: [(String, String)], _ value: String?) -> [String: Any] {
            [
                "name": name, "label": label,
                "options": HTMLFragment.options(
                    [("", "Any")] + options.map { (value: $0.0, label: $0.1) }, selected: value ?? ""),
            ]
        }
        values["filters"] = [
            select("level", "Level", levels.map { ($0, UserForm.levelLabel($0)) }, filter.level),
            select("role", "Clinic role", roles.map { ($0, $0) }, filter.clinicRole),
            select("status", "Invitation", statuses.map { ($0, $0.capitalized) }, filter.invitationStatus?.rawValue),
        ]
        if let next = page.nextCursor {
            var components = URLComponents()
            components.queryItems = [
                ("q", q), ("level", filter.level), ("role", filter.clinicRole),
                ("status", filter.invitationStatus?.rawValue), ("after", next),
            ].compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
            values["nextURL"] = "/dashboard/\(product.pathComponent)/users?\(components.percentEncodedQuery ?? "")"
        }
        return pages.page("users", values)
    }

    /// The invite form of `product` for `signedIn` (an owner may also invite an owner).
    private func inviteForm(_ signedIn: SignedIn, product: Product) -> UserForm {
        let levels =
            signedIn.user.level == Permissions.ownerLevel
            ? ["member", Permissions.adminLevel, Permissions.ownerLevel] : ["member", Permissions.adminLevel]
        return UserForm(product: product, includesEmail: true, levels: levels)
    }

    @Sendable func invitePage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        try Permissions.checkAdministers(
            product, in: signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress))
        let form = inviteForm(signedIn, product: product)
        return invitePage(signedIn, form: form, values: form.values(form: nil, user: nil), errors: [], request: request)
    }

    private func invitePage(
        _ signedIn: SignedIn, form: UserForm, values formValues: [String: String], errors: [FieldError],
        request: Request
    ) -> Response {
        var values = frame(signedIn, current: "invite", request: request)
        values["productPath"] = form.product.pathComponent
        values["productName"] = form.product.displayName
        values["fields"] = form.view(values: formValues, errors: errors)
        values.merge(FormField.summary(form.fields, errors: errors)) { $1 }
        return pages.page("invite", values, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func invite(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        let posted = try await sessions.form(request, of: signedIn, context: context)
        let form = inviteForm(signedIn, product: product)
        let commandContext = signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress)
        var fields = form.json(from: posted)
        do {
            let user: UserRecord?
            if fields["level"] == .string(Permissions.ownerLevel) {
                fields["level"] = nil
                user = try await services.invitations.inviteOwner(
                    fields: fields, products: [product], context: commandContext
                ).first
            } else {
                user = try await services.invitations.invite(product: product, fields: fields, context: commandContext)
            }
            guard let user else { throw DashboardError.notFound }
            return DashboardPages.redirect(
                to: "/dashboard/\(product.pathComponent)/users/\(user.userId)?notice=invited")
        } catch ServiceError.invalid(let errors) {
            return invitePage(
                signedIn, form: form, values: form.values(form: posted, user: nil), errors: errors, request: request)
        } catch ServiceError.emailTaken {
            let errors = [
                FieldError(field: "email", message: "is already a \(product.displayName) user of your clinic")
            ]
            return invitePage(
                signedIn, form: form, values: form.values(form: posted, user: nil), errors: errors, request: request)
        }
    }
}
