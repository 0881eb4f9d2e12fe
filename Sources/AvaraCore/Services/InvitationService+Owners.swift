import Foundation

extension InvitationService {
    /// Makes the person `fields` describe an owner of the context's clinic in each of `products`: a user of each,
    /// with level ``Permissions/ownerLevel``, dashboard access and `invitedSource: "dashboard"`, and one invitation
    /// email (that of the first product) whose link opens every one of these accounts with the password it sets.
    ///
    /// The fields follow the invite rules of each product, as for an admin (`level` and `hasDashboardAccess` are
    /// set here; the clinic role defaults to `Other`).
    ///
    /// - Throws: ``ServiceError/forbidden(_:)`` unless the actor is the operator's CLI or an owner of each product;
    ///   ``ServiceError/invalid(_:)`` with every broken rule of the first product whose rules the fields break
    ///   (nothing is written); ``ServiceError/emailTaken(_:)`` when the clinic has a user with this email in a
    ///   product (the accounts of the products before it are kept).
    package func inviteOwner(
        fields: [String: JSONValue], products: [Product], context: CommandContext
    ) async throws -> [UserRecord] {
        for product in products {
            try Permissions.checkAppointsOwners(product, in: context)
        }
        let requests = try ownerRequests(fields: fields, products: products)
        var owners: [UserRecord] = []
        for (index, request) in requests.enumerated() {
            owners.append(
                try await commit(request, context: context, idempotency: nil, owner: (true, index == 0))
            )
        }
        return owners
    }

    /// The invites of the owner `fields` describe in each of `products`: the fields with `level` admin (made owner
    /// when committed), dashboard access, and what the person would not be asked for defaulted (clinic role
    /// `Other`, no permission to manage studies or create reports).
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` with every broken rule of the first product whose rules they break.
    package func ownerRequests(fields: [String: JSONValue], products: [Product]) throws -> [InviteRequest] {
        var ownerFields = fields
        ownerFields["level"] = .string(Permissions.adminLevel)
        ownerFields["hasDashboardAccess"] = .bool(true)
        let defaults: [String: JSONValue] = [
            "clinicRole": .string("Other"), "canManageStudies": .bool(false), "canCreateReports": .bool(false),
        ]
        ownerFields.merge(defaults) { given, _ in given }
        return try products.map { product in
            try InviteValidator(rules: rules[product]).request(from: ownerFields).get()
        }
    }
}
