import AvaraCore
import Foundation
import Logging
import SQLKit

/// One step of the schema. Steps are applied in `version` order, each exactly once, each in its own transaction.
package struct Migration: Sendable {
    /// Strictly increasing; never reuse or renumber a released version.
    package let version: Int
    /// A short description, recorded in `schema_migrations`.
    package let name: String
    /// The statements of the step.
    package let apply: @Sendable (any SQLDatabase) async throws -> Void
}

/// Brings a database to the schema this version of the service expects.
package enum Migrator {
    /// Applies every migration of ``Migration/all`` the database has not seen yet.
    ///
    /// - Returns: The versions applied by this call (empty when the schema was current).
    @discardableResult
    package static func migrate(
        _ store: any DatabaseStore,
        migrations: [Migration] = Migration.all,
        clock: any ServiceClock = SystemClock(),
        logger: Logger
    ) async throws -> [Int] {
        // Every step holds the migrations lock: of several replicas starting together, one migrates and the others
        // find the work done.
        try await store.transaction(holding: .migrations) { db in
            try await db.create(table: "schema_migrations")
                .ifNotExists()
                .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .text, .notNull)
                .run()
        }
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let didApply = try await store.transaction(holding: .migrations) { db -> Bool in
                let existing = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version)
                    .first()
                guard existing == nil else { return false }
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(migration.version, migration.name, Timestamp.string(clock.now()))
                    .run()
                return true
            }
            if didApply {
                logger.info(
                    "applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }
}
