import Foundation
import Logging

/// Retrieving and removing users for the API: answers 404 for anything outside the key's clinic and product.
package struct UserDirectoryService: Sendable {
    private let rules: RuleBook
    private let directory: any UserDirectory
    private let clock: any ServiceClock
    private let logger: Logger

    package init(rules: RuleBook, directory: any UserDirectory, clock: any ServiceClock, logger: Logger) {
        self.rules = rules
        self.directory = directory
        self.clock = clock
        self.logger = logger
    }

    /// - Throws: ``ServiceError/userNotFound``.
    package func user(id: String, product: Product, clinic: Clinic) async throws -> UserRecord {
        guard let user = try await directory.user(id: id, clinicId: clinic.clinicId, product: product, now: clock.now())
        else {
            throw ServiceError.userNotFound
        }
        return user
    }

    /// - Throws: ``ServiceError/userNotFound``.
    package func delete(id: String, product: Product, clinic: Clinic) async throws {
        guard try await directory.delete(id: id, clinicId: clinic.clinicId, product: product) else {
            throw ServiceError.userNotFound
        }
        logger.info("user removed", metadata: ["userId": "\(id)", "clinicId": "\(clinic.clinicId)"])
    }

    /// Makes the changes `fields` ask for (a field left out stays as it is, `null` clears an optional one),
    /// provided each passes its invite rule and the user that results passes the rules that span several fields.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` listing every broken rule, in which case nothing is changed;
    ///   ``ServiceError/userNotFound``.
    package func update(
        id: String, product: Product, clinic: Clinic, fields: [String: JSONValue]
    ) async throws -> UserRecord {
        switch UserUpdateValidator(rules: rules[product]).validate(fields) {
        case .success(let changes):
            return try await apply(changes, id: id, product: product, clinic: clinic)
        case .failure(let rejection):
            throw ServiceError.invalid(rejection.errors)
        }
    }

    /// Makes `changes` to the user, once they pass the rules as in ``update(id:product:clinic:fields:)``.
    package func update(id: String, product: Product, clinic: Clinic, changes: UserChanges) async throws -> UserRecord {
        try await update(id: id, product: product, clinic: clinic, fields: changes.fields)
    }

    private func apply(_ changes: UserChanges, id: String, product: Product, clinic: Clinic) async throws -> UserRecord
    {
        let updated = try await directory.update(id: id, clinicId: clinic.clinicId, product: product, now: clock.now())
        { user in
            let changed = changes.applied(to: user)
            let errors = UserRules.errors(of: changed)
            guard errors.isEmpty else { throw ServiceError.invalid(errors) }
            return changed
        }
        guard let updated else { throw ServiceError.userNotFound }
        logger.info("user updated", metadata: ["userId": "\(id)", "clinicId": "\(clinic.clinicId)"])
        return updated
    }

    /// One page of the clinic's users of `product`.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` for a `limit` outside 1...100 or an `after` that is not a cursor.
    package func page(
        product: Product, clinic: Clinic, filter: UserFilter, after: String?, limit: Int?
    ) async throws -> (users: [UserRecord], nextCursor: String?) {
        let malformed = TextChecks.controlCharacterErrors([("email", filter.email), ("q", filter.prefix)])
        guard malformed.isEmpty else { throw ServiceError.malformed(malformed) }
        var errors: [FieldError] = []
        let limit = limit ?? 20
        if !(1...100).contains(limit) { errors.append(FieldError(field: "limit", message: "must be from 1 to 100")) }
        let cursor = after.flatMap(UserCursor.init(encoded:))
        if after != nil, cursor == nil {
            errors.append(FieldError(field: "after", message: "is not a cursor this API returned"))
        }
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        let page = try await directory.page(
            clinicId: clinic.clinicId, product: product, filter: filter, after: cursor, limit: limit, now: clock.now()
        )
        let next = page.hasMore ? page.last?.encoded : nil
        return (page.users, next)
    }
}
