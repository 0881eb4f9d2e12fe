import AvaraCore
import Foundation
import Hummingbird

/// One user's page: every field, the edit form, the user's events; and resend, revoke and remove, each behind a
/// confirmation page (a link to it, a form on it), so that every action works without JavaScript.
extension DashboardRoutes {
    /// The actions a user's page links to, each confirmed on its own page.
    enum UserAction: String {
        case resend, revoke, remove
    }

    @Sendable func userPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        let commandContext = signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress)
        let user = try await services.users.user(
            id: context.parameters.get("userId") ?? "", product: product, context: commandContext)
        return try await userPage(
            signedIn, user: user, form: nil, errors: [], request: request, context: commandContext)
    }

    /// The edit form of `user` for `signedIn`: an owner may give every level, owner included; an admin member or
    /// admin (an admin cannot edit an owner).
    private func editForm(of user: UserRecord, by signedIn: SignedIn) -> UserForm {
        let levels =
            signedIn.user.level == Permissions.ownerLevel
            ? ["member", Permissions.adminLevel, Permissions.ownerLevel] : ["member", Permissions.adminLevel]
        return UserForm(product: user.product, includesEmail: false, levels: levels)
    }

    /// The names of the dashboard users who acted in `events`, by id: the person reads "by Olivia Hart", not an id.
    /// One who has been removed since keeps their id.
    private func actorNames(
        of events: [DomainEvent], product: Product, context: CommandContext
    ) async throws -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(events.compactMap { $0.actor.type == "user" ? $0.actor.id : nil }) {
            do {
                let actor = try await services.users.user(id: id, product: product, context: context)
                names[id] = "\(actor.firstName) \(actor.lastName)"
            } catch ServiceError.userNotFound {
                continue
            }
        }
        return names
    }

    private func userPage(
        _ signedIn: SignedIn, user: UserRecord, form posted: DashboardForm?, errors: [FieldError], request: Request,
        context: CommandContext
    ) async throws -> Response {
        let canManage = (try? Permissions.checkManage(user, in: context)) != nil
        var values = frame(signedIn, current: "users", request: request)
        values["user"] = UserView.detail(user)
        values["canManage"] = canManage
        let status = user.invitation?.status
        values["canResend"] = status != .accepted
        values["canRevoke"] = status == .pending
        let form = editForm(of: user, by: signedIn)
        values["fields"] = form.view(values: form.values(form: posted, user: user), errors: errors)
        values.merge(FormField.summary(form.fields, errors: errors)) { $1 }
        let events = try await services.events.page(
            context: context, filter: EventFilter(subjectId: user.userId), order: .newest, after: nil, limit: 20)
        let names = try await actorNames(of: events.events, product: user.product, context: context)
        values["events"] = events.events.map { EventView.line($0, names: names) }
        values["hasEvents"] = !events.events.isEmpty
        return pages.page("user", values, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func updateUser(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        let posted = try await sessions.form(request, of: signedIn, context: context)
        let commandContext = signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress)
        let id = context.parameters.get("userId") ?? ""
        let before = try await services.users.user(id: id, product: product, context: commandContext)
        do {
            let after = try await services.users.update(
                id: id, product: product, context: commandContext,
                fields: editForm(of: before, by: signedIn).json(from: posted))
            let notice = after == before ? "unchanged" : "updated"
            return DashboardPages.redirect(to: "/dashboard/\(product.pathComponent)/users/\(id)?notice=\(notice)")
        } catch ServiceError.invalid(let errors) {
            return try await userPage(
                signedIn, user: before, form: posted, errors: errors, request: request, context: commandContext)
        } catch ServiceError.lastOwner(let product) {
            let error = FieldError(
                field: "level", message: "stays Owner: \(product.displayName) needs another owner first")
            return try await userPage(
                signedIn, user: before, form: posted, errors: [error], request: request, context: commandContext)
        }
    }

    @Sendable func confirmPage(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        guard let action = UserAction(rawValue: context.parameters.get("action") ?? "") else {
            throw DashboardError.notFound
        }
        let commandContext = signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress)
        let user = try await services.users.user(
            id: context.parameters.get("userId") ?? "", product: product, context: commandContext)
        try Permissions.checkManage(user, in: commandContext)
        let name = UserView.name(of: user.summary)
        let (heading, text, button, buttonClass): (String, String, String, String) =
            switch action {
            case .resend:
                (
                    "Resend the invitation?",
                    "\(name) gets a new email at \(user.email); the link of the previous one stops working.",
                    "Resend invitation", "primary"
                )
            case .revoke:
                (
                    "Revoke the invitation?",
                    "The link sent to \(user.email) stops working. You can send a new invitation later.",
                    "Revoke invitation", "danger"
                )
            case .remove:
                (
                    "Remove \(name)?",
                    "\(name) loses access to \(product.displayName) and is removed from your clinic's users. This cannot be undone.",
                    "Remove user", "danger"
                )
            }
        var values = frame(signedIn, current: "users", request: request)
        let path = "/dashboard/\(product.pathComponent)/users/\(user.userId)"
        values.merge([
            "heading": heading, "text": text, "button": button, "buttonClass": buttonClass,
            "action": "\(path)/\(action.rawValue)", "back": path,
        ]) { $1 }
        return pages.page("confirm", values)
    }

    @Sendable func confirmed(_ request: Request, context: AvaraRequestContext) async throws -> Response {
        let signedIn = try await sessions.signedIn(request)
        let product = try Self.product(context)
        guard let action = UserAction(rawValue: context.parameters.get("action") ?? "") else {
            throw DashboardError.notFound
        }
        _ = try await sessions.form(request, of: signedIn, context: context)
        let commandContext = signedIn.context(requestId: context.requestId, clientAddress: context.clientAddress)
        let id = context.parameters.get("userId") ?? ""
        let path = "/dashboard/\(product.pathComponent)/users"
        switch action {
        case .resend:
            _ = try await services.invitations.resend(userId: id, product: product, context: commandContext)
            return DashboardPages.redirect(to: "\(path)/\(id)?notice=resent")
        case .revoke:
            _ = try await services.invitations.revoke(userId: id, product: product, context: commandContext)
            return DashboardPages.redirect(to: "\(path)/\(id)?notice=revoked")
        case .remove:
            try await services.users.delete(id: id, product: product, context: commandContext)
            return DashboardPages.redirect(to: "\(path)?notice=removed")
        }
    }
}
