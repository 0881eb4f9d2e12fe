import Foundation
import Logging

/// Retrieving and removing users for the API: answers 404 for anything outside the key's clinic and product.
package struct UserDirectoryService: Sendable {
    private let directory: SQLUserDirectory
    private let clock: any ServiceClock
    private let logger: Logger

    package init(directory: SQLUserDirectory, clock: any ServiceClock, logger: Logger) {
        self.directory = directory
        self.clock = clock
        self.logger = logger
    }

    /// - Throws: ``APIError/userNotFound()``.
    package func user(id: String, product: Product, clinic: Clinic) async throws -> UserRecord {
        guard let user = try await directory.user(id: id, clinicId: clinic.clinicId, product: product, now: clock.now()) else {
            throw APIError.userNotFound()
        }
        return user
    }

    /// - Throws: ``APIError/userNotFound()``.
    package func delete(id: String, product: Product, clinic: Clinic) async throws {
        guard try await directory.delete(id: id, clinicId: clinic.clinicId, product: product) else {
            throw APIError.userNotFound()
        }
        logger.info("user removed", metadata: ["userId": "\(id)", "clinicId": "\(clinic.clinicId)"])
    }

    /// Makes `changes` to the user, provided the user that results passes the rules that span several fields.
    ///
    /// - Throws: ``APIError/userNotFound()``; ``APIError/validation(_:)`` listing the broken rules, in which case
    ///   nothing is changed.
    package func update(id: String, product: Product, clinic: Clinic, changes: UserChanges) async throws -> UserRecord {
        let updated = try await directory.update(id: id, clinicId: clinic.clinicId, product: product, now: clock.now()) { user in
            let changed = changes.applied(to: user)
            let errors = UserRules.errors(of: changed)
            guard errors.isEmpty else { throw APIError.validation(errors) }
            return changed
        }
        guard let updated else { throw APIError.userNotFound() }
        logger.info("user updated", metadata: ["userId": "\(id)", "clinicId": "\(clinic.clinicId)"])
        return updated
    }

    /// One page of the clinic's users of `product`.
    ///
    /// - Throws: ``APIError/validation(_:)`` for a `limit` outside 1...100 or an `after` that is not a cursor.
    package func page(
        product: Product, clinic: Clinic, filter: UserFilter, after: String?, limit: Int?
    ) async throws -> (users: [UserRecord], nextCursor: String?) {
        var errors: [FieldError] = []
        let limit = limit ?? 20
        if !(1...100).contains(limit) { errors.append(FieldError(field: "limit", message: "must be from 1 to 100")) }
        let cursor = after.flatMap(UserCursor.init(encoded:))
        if after != nil, cursor == nil {
            errors.append(FieldError(field: "after", message: "is not a cursor this API returned"))
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        let page = try await directory.page(
            clinicId: clinic.clinicId, product: product, filter: filter, after: cursor, limit: limit, now: clock.now()
        )
        let next = page.hasMore ? page.last?.encoded : nil
        return (page.users, next)
    }
}
