import AvaraCore
import Foundation
import SQLKit

extension SQLUserDirectory {
    /// Up to `limit` users of the clinic's product after `cursor`, in (createdAt, userId) order (descending for
    /// ``ListOrder/newest``), and whether more follow.
    ///
    /// The `users_by_clinic_order` index, read forwards or backwards, makes each page cost the same however many users
    /// exist.
    package func page(
        clinicId: String, product: Product, filter: UserFilter, order: ListOrder, after cursor: UserCursor?,
        limit: Int, now: Date
    ) async throws -> (users: [UserRecord], hasMore: Bool, last: UserCursor?) {
        try await rows(
            UserColumns.selected, clinicId: clinicId, product: product, filter: filter, order: order, after: cursor,
            limit: limit, now: now
        ) { row in
            var user = try UserColumns.record(from: row)
            user.invitation = try UserQueries.invitationState(in: row, now: now)
            return user
        }
    }

    /// ``page(clinicId:product:filter:order:after:limit:now:)`` reading the dozen columns a list shows
    /// (``UserColumns/summarized``) instead of all of them: PostgresKit decodes each cell through a generic path,
    /// which made the decoding of whole users a fifth of the CPU of a dashboard page.
    package func summaries(
        clinicId: String, product: Product, filter: UserFilter, order: ListOrder, after cursor: UserCursor?,
        limit: Int, now: Date
    ) async throws -> (users: [UserSummary], hasMore: Bool, last: UserCursor?) {
        try await rows(
            UserColumns.summarized, clinicId: clinicId, product: product, filter: filter, order: order, after: cursor,
            limit: limit, now: now
        ) { row in
            try UserColumns.summary(from: row, invitation: try UserQueries.invitationState(in: row, now: now))
        }
    }

    /// The page both read: `columns` of the users `filter` keeps after `cursor`, each row read by `read`.
    private func rows<Item: Sendable>(
        _ columns: SQLRaw, clinicId: String, product: Product, filter: UserFilter, order: ListOrder,
        after cursor: UserCursor?, limit: Int, now: Date, read: (any SQLRow) throws -> Item
    ) async throws -> (users: [Item], hasMore: Bool, last: UserCursor?) {
        let rows = try await store.read { db in
            var query = Self.selecting(
                columns, clinicId: clinicId, product: product, filter: filter, now: now, in: db)
            let beyond: SQLBinaryOperator = order == .newest ? .lessThan : .greaterThan
            let direction: SQLDirection = order == .newest ? .descending : .ascending
            if let cursor {
                let created = SQLColumn("created_at", table: "users")
                query = query.where(
                    SQLGroupExpression(
                        SQLBinaryExpression(
                            SQLBinaryExpression(created, beyond, SQLBind(cursor.createdAt)), .or,
                            SQLBinaryExpression(
                                SQLBinaryExpression(created, .equal, SQLBind(cursor.createdAt)), .and,
                                SQLBinaryExpression(
                                    SQLColumn("user_id", table: "users"), beyond, SQLBind(cursor.userId))
                            )
                        )))
            }
            return
                try await query
                .orderBy(SQLColumn("created_at", table: "users"), direction)
                .orderBy(SQLColumn("user_id", table: "users"), direction)
                .limit(limit + 1)
                .all()
        }
        let kept = rows.prefix(limit)
        // The cursor is made of the stored text itself: a timestamp formatted again from a `Date` could differ in
        // its last digit and skip or repeat a user.
        let last = try kept.last.map {
            UserCursor(
                createdAt: try $0.decode(column: "created_at", as: String.self),
                userId: try $0.decode(column: "user_id", as: String.self))
        }
        return (try kept.map(read), rows.count > limit, last)
    }

    /// The users of the clinic's product that `filter` keeps, with their invitation's state: the query a page and a
    /// search share, before their order and bounds.
    static func selecting(
        _ columns: SQLRaw = UserColumns.selected, clinicId: String, product: Product, filter: UserFilter, now: Date,
        in db: any SQLDatabase
    ) -> SQLSelectBuilder {
        var query = db.select()
            .column(columns)
            .invitationStateColumns()
            .from("users")
            .join(
                "invitations", on: SQLColumn("user_id", table: "invitations"), .equal,
                SQLColumn("user_id", table: "users")
            )
            .where(SQLColumn("clinic_id", table: "users"), .equal, SQLBind(clinicId))
            .where(SQLColumn("product", table: "users"), .equal, SQLBind(product.rawValue))
        if let externalId = filter.externalId {
            query = query.where(SQLColumn("external_id", table: "users"), .equal, SQLBind(externalId))
        }
        if let userName = filter.userName?.lowercased() {
            // A user the provider did not name goes by their email.
            let named = SQLColumn("provider_user_name_key", table: "users")
            query = query.where(
                SQLGroupExpression(
                    SQLBinaryExpression(
                        SQLBinaryExpression(named, .equal, SQLBind(userName)), .or,
                        SQLBinaryExpression(
                            SQLBinaryExpression(named, .is, SQLLiteral.null), .and,
                            SQLBinaryExpression(SQLColumn("email_key", table: "users"), .equal, SQLBind(userName)))
                    )))
        }
        if let userId = filter.userId {
            query = query.where(SQLColumn("user_id", table: "users"), .equal, SQLBind(userId))
        }
        if let level = filter.level {
            query = query.where(SQLColumn("level", table: "users"), .equal, SQLBind(level))
        }
        if let role = filter.clinicRole {
            query = query.where(SQLColumn("clinic_role", table: "users"), .equal, SQLBind(role))
        }
        if let email = filter.email {
            query = query.where(SQLColumn("email_key", table: "users"), .equal, SQLBind(email.lowercased()))
        }
        if let prefix = filter.prefix.map(UserRecord.searchKey), !prefix.isEmpty {
            let length = SQLLiteral.numeric(String(prefix.unicodeScalars.count))
            func starts(_ column: String) -> any SQLExpression {
                SQLBinaryExpression(
                    SQLFunction("substr", args: SQLColumn(column, table: "users"), SQLLiteral.numeric("1"), length),
                    .equal, SQLBind(prefix)
                )
            }
            query = query.where(
                SQLGroupExpression(
                    SQLBinaryExpression(
                        SQLBinaryExpression(starts("first_name_key"), .or, starts("last_name_key")), .or,
                        starts("email_key"))
                ))
        }
        if let status = filter.invitationStatus {
            let stored = status == .expired ? InvitationState.Status.pending.rawValue : status.rawValue
            // A literal, not a bind: PostgreSQL plans a prepared statement once for every value of its binds, and
            // a plan made for the common `pending` walks every user of the clinic looking for the rare `accepted`
            // (seven times slower than a plan made for it: BENCHMARKS.md, the sparse filter).
            query = query.where(SQLColumn("status", table: "invitations"), .equal, SQLLiteral.string(stored))
            if status == .pending {
                query = query.where(
                    SQLColumn("expires_at", table: "invitations"), .greaterThan, SQLBind(Timestamp.string(now)))
            } else if status == .expired {
                query = query.where(
                    SQLColumn("expires_at", table: "invitations"), .lessThanOrEqual, SQLBind(Timestamp.string(now)))
            }
        }
        return query
    }
}
