import AvaraCore
import Crypto
import Foundation
import SQLKit

/// ``LoginThrottle`` in the database: the counts live in the database (`login_failures`, keyed by SHA-256 hashes), so every replica of the service
/// sees the same ones and a restart forgets nothing: spreading guesses over replicas does not multiply them.
package struct SQLLoginThrottle: LoginThrottle {
    /// Failures allowed per account in one ``window``.
    package let accountLimit: Int
    /// Failures allowed per address in one ``window``.
    package let addressLimit: Int
    /// How long failures count.
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

    /// Seconds to wait before `account` may try again from `address`, or `nil` when it may try now.
    package func retryAfter(account: String, address: String) async throws -> TimeInterval? {
        let now = clock.now()
        let since = Timestamp.string(now.addingTimeInterval(-window))
        let limits = [(Self.accountKey(account), accountLimit), (Self.addressKey(address), addressLimit)]
        return try await store.read { db in
            var waits: [TimeInterval] = []
            for (key, limit) in limits {
                let row = try await db.select()
                    .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .column(SQLFunction("MIN", args: SQLColumn("failed_at")), as: "oldest")
                    .from("login_failures")
                    .where("throttle_key", .equal, key)
                    .where("failed_at", .greaterThan, since)
                    .first()
                guard let row, try row.decode(column: "n", as: Int.self) >= limit,
                    let oldest = try row.decode(column: "oldest", as: String?.self).flatMap(Timestamp.date)
                else { continue }
                waits.append(window - now.timeIntervalSince(oldest))
            }
            return waits.max()
        }
    }

    /// Records a failed login, and forgets failures older than the window.
    package func recordFailure(account: String, address: String) async throws {
        let now = clock.now()
        let failedAt = Timestamp.string(now)
        let expired = Timestamp.string(now.addingTimeInterval(-window))
        try await store.transaction { db in
            try await db.delete(from: "login_failures").where("failed_at", .lessThanOrEqual, expired).run()
            try await db.insert(into: "login_failures").columns("throttle_key", "failed_at")
                .values(Self.accountKey(account), failedAt)
                .values(Self.addressKey(address), failedAt)
                .run()
        }
    }

    /// Forgets an account's failures after a successful login.
    package func recordSuccess(account: String) async throws {
        try await store.transaction { db in
            try await db.delete(from: "login_failures").where("throttle_key", .equal, Self.accountKey(account)).run()
        }
    }

    private static func accountKey(_ account: String) -> String { hashed("account:" + account.lowercased()) }
    private static func addressKey(_ address: String) -> String { hashed("address:" + address) }

    private static func hashed(_ key: String) -> String {
        SHA256.hash(data: Array(key.utf8)).hexString
    }
}
