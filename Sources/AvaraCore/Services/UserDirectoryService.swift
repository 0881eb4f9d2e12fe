import Foundation
import Logging

/// Retrieving, changing, listing and removing a clinic's users: answers 404 for anything outside the context's
/// clinic and product, and records each change as an event.
package struct UserDirectoryService: Sendable {
    let rules: RuleBook
    private let directory: any UserDirectory
    private let clock: any ServiceClock
    private let random: any RandomSource
    private let logger: Logger

    package init(
        rules: RuleBook, directory: any UserDirectory, clock: any ServiceClock, random: any RandomSource,
        logger: Logger
    ) {
        self.rules = rules
        self.directory = directory
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// - Throws: ``ServiceError/userNotFound``, also for a user the actor may not see.
    package func user(id: String, product: Product, context: CommandContext) async throws -> UserRecord {
        guard
            let user = try await directory.user(
                id: id, clinicId: context.clinic.clinicId, product: product, now: clock.now())
        else {
            throw ServiceError.userNotFound
        }
        try Permissions.checkRead(user, in: context)
        return user
    }

    /// Removes the user and records `user.deleted` with the user as they were.
    ///
    /// - Throws: ``ServiceError/userNotFound``; ``ServiceError/forbidden(_:)`` when the actor may not remove them.
    package func delete(id: String, product: Product, context: CommandContext) async throws {
        let now = clock.now().roundedToMilliseconds
        let audit = AuditedChange<UserRecord>(check: { try Permissions.checkManage($0, in: context) }) {
            [random] user, _ in
            context.event(
                .userDeleted, product: user.product, subjectId: user.userId, data: user.eventData, at: now,
                random: random
            )
        }
        guard
            try await directory.delete(
                id: id, clinicId: context.clinic.clinicId, product: product, now: now, audit: audit)
        else {
            throw ServiceError.userNotFound
        }
        logger.info("user removed", metadata: ["userId": "\(id)", "clinicId": "\(context.clinic.clinicId)"])
    }

    /// Makes the changes `fields` ask for (a field left out stays as it is, `null` clears an optional one),
    /// provided each passes its invite rule and the user that results passes the rules that span several fields.
    ///
    /// A change that leaves every field as it was writes no event.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` listing every broken rule, in which case nothing is changed;
    ///   ``ServiceError/userNotFound``; ``ServiceError/forbidden(_:)`` when the actor may not change the user.
    package func update(
        id: String, product: Product, context: CommandContext, fields: [String: JSONValue]
    ) async throws -> UserRecord {
        // An owner makes someone an owner in the dashboard: the change is checked as one to admin (dashboard access
        // required), then made to owner. Through the API (an API key) the level rule refuses it, with the others.
        var fields = fields
        var makesOwner = fields["level"] == .string(Permissions.ownerLevel)
        if case .apiKey = context.actor { makesOwner = false }
        if makesOwner {
            try Permissions.checkAppointsOwners(product, in: context)
            fields["level"] = .string(Permissions.adminLevel)
        }
        switch UserUpdateValidator(rules: rules[product]).validate(fields) {
        case .success(let changes):
            return try await apply(changes, id: id, product: product, context: context, makesOwner: makesOwner)
        case .failure(let rejection):
            throw ServiceError.invalid(rejection.errors)
        }
    }

    /// Makes `changes` to the user, once they pass the rules as in ``update(id:product:context:fields:)``.
    package func update(
        id: String, product: Product, context: CommandContext, changes: UserChanges
    ) async throws -> UserRecord {
        try await update(id: id, product: product, context: context, fields: changes.fields)
    }

    private func apply(
        _ changes: UserChanges, id: String, product: Product, context: CommandContext, makesOwner: Bool
    ) async throws -> UserRecord {
        try await change(id: id, product: product, context: context) { user in
            var changed = changes.applied(to: user)
            if makesOwner { changed.level = Permissions.ownerLevel }
            let errors = UserRules.errors(of: changed)
            guard errors.isEmpty else { throw ServiceError.invalid(errors) }
            return changed
        }
    }

    /// Changes the user as `change` says, once the actor may manage them, with a `user.updated` event of what
    /// changed (none when nothing did).
    func change(
        id: String, product: Product, context: CommandContext,
        _ change: @escaping @Sendable (UserRecord) throws -> UserRecord
    ) async throws -> UserRecord {
        let now = clock.now().roundedToMilliseconds
        let audit = AuditedChange<UserRecord>(check: { try Permissions.checkManage($0, in: context) }) {
            [random] before, after in
            let previous = before.previousValues(changedIn: after)
            guard !previous.isEmpty else { return nil }
            return context.event(
                .userUpdated, product: after.product, subjectId: after.userId, data: after.eventData,
                previousValues: previous, at: now, random: random
            )
        }
        let updated = try await directory.update(
            id: id, clinicId: context.clinic.clinicId, product: product, now: now, audit: audit, change)
        guard let updated else { throw ServiceError.userNotFound }
        logger.info("user updated", metadata: ["userId": "\(id)", "clinicId": "\(context.clinic.clinicId)"])
        return updated
    }

    /// One page of the clinic's users of `product`.
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` for a `limit` outside 1...100 or an `after` that is not a cursor.
    /// - Throws: ``ServiceError/forbidden(_:)`` when the actor may not list the product's users.
    package func page(
        product: Product, context: CommandContext, filter: UserFilter, order: ListOrder = .oldest, after: String?,
        limit: Int?
    ) async throws -> (users: [UserRecord], nextCursor: String?) {
        try await paged(product: product, context: context, filter: filter, after: after, limit: limit) {
            cursor, limit in
            try await directory.page(
                clinicId: context.clinic.clinicId, product: product, filter: filter, order: order, after: cursor,
                limit: limit, now: clock.now())
        }
    }

    /// ``page(product:context:filter:order:after:limit:)`` with only what a list shows of each user (the
    /// dashboard's table): the same checks, the same cursors, less read.
    package func summaryPage(
        product: Product, context: CommandContext, filter: UserFilter, order: ListOrder = .oldest, after: String?,
        limit: Int?
    ) async throws -> (users: [UserSummary], nextCursor: String?) {
        try await paged(product: product, context: context, filter: filter, after: after, limit: limit) {
            cursor, limit in
            try await directory.summaries(
                clinicId: context.clinic.clinicId, product: product, filter: filter, order: order, after: cursor,
                limit: limit, now: clock.now())
        }
    }

    /// A page `fetch` reads once the page's bounds pass their checks, with the cursor of the next page when more
    /// follow.
    private func paged<Item>(
        product: Product, context: CommandContext, filter: UserFilter, after: String?, limit: Int?,
        fetch: (UserCursor?, Int) async throws -> (users: [Item], hasMore: Bool, last: UserCursor?)
    ) async throws -> (users: [Item], nextCursor: String?) {
        let (cursor, limit) = try pageBounds(
            product: product, context: context, filter: filter, after: after, limit: limit)
        let page = try await fetch(cursor, limit)
        return (page.users, page.hasMore ? page.last?.encoded : nil)
    }

    /// The checks of a page: the actor lists the product's users, the filter has no control character, the limit
    /// (20 when absent) is from 1 to 100 and `after` is a cursor this service made.
    private func pageBounds(
        product: Product, context: CommandContext, filter: UserFilter, after: String?, limit: Int?
    ) throws -> (cursor: UserCursor?, limit: Int) {
        try Permissions.checkAdministers(product, in: context)
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
        return (cursor, limit)
    }

    /// Users `startIndex` (1-based) to `startIndex + count - 1` of those `filter` keeps, oldest first, and how many it
    /// keeps in all (SCIM's paging): `count` from 0 to ``maximumSearchCount``.
    ///
    /// - Throws: ``ServiceError/forbidden(_:)`` when the actor may not list the product's users.
    package func search(
        product: Product, context: CommandContext, filter: UserFilter, startIndex: Int, count: Int
    ) async throws -> (users: [UserRecord], total: Int) {
        try Permissions.checkAdministers(product, in: context)
        return try await directory.search(
            clinicId: context.clinic.clinicId, product: product, filter: filter, offset: max(startIndex, 1) - 1,
            limit: min(max(count, 0), Self.maximumSearchCount), now: clock.now())
    }

    /// The most users one search answers.
    package static let maximumSearchCount = 100
}
