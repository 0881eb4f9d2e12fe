import AvaraCore
import HTTPTypes
import Hummingbird

/// `GET /v1/{product}/users`: one page of the clinic's users.
extension UsersEndpoints {
    @Sendable func list(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let query = try ListQuery(request.uri.queryParameters, clinicRoles: clinicRoles)
        let page = try await users.page(
            product: product, context: context.commandContext, filter: query.filter, after: query.after,
            limit: query.limit
        )
        let hasMore = page.nextCursor != nil
        return switch product {
        case .viewer:
            try APIJSON.response(
                .ok,
                UserListPage(
                    data: page.users.map(Components.Schemas.ViewerUserInviteResponse.init), hasMore: hasMore,
                    nextCursor: page.nextCursor
                ))
        case .autoScribe:
            try APIJSON.response(
                .ok,
                UserListPage(
                    data: page.users.map(Components.Schemas.AutoScribeUserInviteResponse.init), hasMore: hasMore,
                    nextCursor: page.nextCursor
                ))
        }
    }
}

/// The query parameters of a list request, checked against the types openapi.yaml gives them.
struct ListQuery {
    var limit: Int?
    var after: String?
    var filter: UserFilter

    /// - Throws: a 400 naming every parameter that is not of its type: `limit` not an integer, or a `level`,
    ///   `clinicRole` or `invitationStatus` that is not one of its values. (A `limit` out of range is the core's
    ///   422.)
    init(_ parameters: Parameters, clinicRoles: Set<String>) throws {
        var errors: [FieldError] = []
        func text(_ name: String) -> String? { parameters[name[...]].map(String.init) }
        func oneOf(_ name: String, _ allowed: Set<String>) -> String? {
            guard let value = text(name) else { return nil }
            guard allowed.contains(value) else {
                errors.append(FieldError(field: name, message: "is not one of the values openapi.yaml lists"))
                return nil
            }
            return value
        }
        if let limit = text("limit") {
            self.limit = Int(limit)
            if self.limit == nil { errors.append(FieldError(field: "limit", message: "must be an integer")) }
        }
        after = text("after")
        let level = oneOf("level", Set(Components.Schemas.UserLevel.allCases.map(\.rawValue)))
        let clinicRole = oneOf("clinicRole", clinicRoles)
        let status = oneOf("invitationStatus", Set(Components.Schemas.InvitationStatus.allCases.map(\.rawValue)))
        filter = UserFilter(
            level: level, clinicRole: clinicRole,
            invitationStatus: status.flatMap(InvitationState.Status.init(rawValue:)),
            email: text("email"), prefix: text("q")
        )
        guard errors.isEmpty else {
            throw APIError.invalidQuery(errors)
        }
    }
}
