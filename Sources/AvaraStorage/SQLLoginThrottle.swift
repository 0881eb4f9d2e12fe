import AvaraCore
import Crypto
import Foundation
import SQLKit

/// ``LoginThrottle`` in the database: one counter per account and per address (`login_attempts`, keyed by SHA-256
/// hashes), so every replica of the service sees the same counts and a restart forgets nothing.
///
/// A key may make ``accountLimit`` (or ``addressLimit``) attempts in a window that starts with its first attempt
/// and lasts ``window``; a refused attempt waits for the window's end. Each attempt raises its counter with one
/// upsert that also answers the new count, which the database serialises per key: of N concurrent attempts on an
/// account with five left, exactly five go on, whichever replicas they reach.
package struct SQLLoginThrottle: LoginThrottle {
    /// Attempts allowed per account in one ``window``.
    package let accountLimit: Int
    /// Attempts allowed per address in one ``window``.
    package let addressLimit: Int
    /// How long attempts count.
    package let window: TimeInterval
    private let store: any DatabaseStore
    private let clock: any ServiceClock

    package init(
        accountLimit: Int = 5, addressLimit: Int = 20, window: TimeInterval = 15 * 60, store: any DatabaseStore,
        clock: any ServiceClock
    ) {
        self.accountLimit = accountLimit
        self.addressLimit = addressLimit
        self.window = window
        self.store = store
        self.clock = clock
    }

    package func admit(account: String, address: String) async throws -> TimeInterval? {
        let now = clock.now()
        let counted = [(Self.accountKey(account), accountLimit), (Self.addressKey(address), addressLimit)]
        return try await store.transaction { db in
            var waits: [TimeInterval] = []
            for (key, limit) in counted {
                let (attempts, started) = try await count(key: key, now: now, in: db)
                if attempts > limit { waits.append(max(1, window - now.timeIntervalSince(started))) }
            }
            return waits.max()
        }
    }

    package func recordSuccess(account: String, address: String) async throws {
        try await store.transaction { db in
            try await db.delete(from: "login_attempts").where("throttle_key", .equal, Self.accountKey(account)).run()
            try await db.update("login_attempts")
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts - 1"))
                .where("throttle_key", .equal, Self.addressKey(address))
                .where("attempts", .greaterThan, 0)
                .run()
        }
    }

    /// Forgets up to `limit` counters whose window ended, and answers how many.
    package func purgeExpired(limit: Int) async throws -> Int {
        let expired = Timestamp.string(clock.now().addingTimeInterval(-window))
        return try await store.transaction { db in
            try await db.deleteBatch(
                from: "login_attempts", keyedBy: ["throttle_key"], where: "window_started_at <= \(bind: expired)",
                limit: limit
            )
        }
    }

    /// Raises `key`'s counter (starting a new window when its last one ended) and answers it with its window start.
    private func count(key: String, now: Date, in db: any SQLDatabase) async throws -> (Int, Date) {
        let nowText = Timestamp.string(now)
        let expired = Timestamp.string(now.addingTimeInterval(-window))
        let row = try await db.raw(
            """
            INSERT INTO login_attempts (throttle_key, window_started_at, attempts) VALUES (\(bind: key), \(bind: nowText), 1)
            ON CONFLICT (throttle_key) DO UPDATE SET
                attempts = CASE WHEN login_attempts.window_started_at <= \(bind: expired) THEN 1
                    ELSE login_attempts.attempts + 1 END,
                window_started_at = CASE WHEN login_attempts.window_started_at <= \(bind: expired) THEN \(bind: nowText)
                    ELSE login_attempts.window_started_at END
            RETURNING attempts, window_started_at
            """
        ).first()
        guard let row,
            let started = Timestamp.date(try row.decode(column: "window_started_at", as: String.self))
        else { throw StorageError.corruptRow(table: "login_attempts", column: "window_started_at") }
        return (try row.decode(column: "attempts", as: Int.self), started)
    }

    private static func accountKey(_ account: String) -> String { hashed("account:" + account.lowercased()) }
    private static func addressKey(_ address: String) -> String { hashed("address:" + address) }

    private static func hashed(_ key: String) -> String {
        SHA256.hash(data: Array(key.utf8)).hexString
    }
}
