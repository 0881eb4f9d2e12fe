import AvaraCore
import HummingbirdBcrypt

/// bcrypt (HummingbirdBcrypt), run on the threads of a ``PasswordWorkPool``: a hash takes a noticeable fraction
/// of a second by design and must not hold a thread that serves requests or reads the database.
package struct BcryptPasswordHasher: PasswordHasher {
    /// The work factor of a service: each step doubles the cost; 12 takes about a quarter of a second here.
    package static let defaultCost: UInt8 = 12

    /// The work factor of new hashes and of the decoy checks.
    package let cost: UInt8
    private let pool: PasswordWorkPool

    package init(cost: UInt8 = defaultCost, pool: PasswordWorkPool = .shared) {
        self.cost = cost
        self.pool = pool
    }

    package func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await pool.run { Bcrypt.hash(password, cost: cost) }
    }

    package func withCheckReserved<T: Sendable>(_ check: () async throws -> T) async throws -> T {
        let reservation = try pool.reserve()
        defer { reservation.release() }
        return try await Self.$reservation.withValue(reservation) { try await check() }
    }

    package func verify(_ password: String, hash: String) async throws -> Bool {
        try await runReserved { Bcrypt.verify(password, hash: hash) }
    }

    package func verifyNothing(_ password: String) async throws {
        let cost = self.cost
        // The decoy is made on the pool too (once, for the default cost): it costs as much as a check.
        _ = try await runReserved {
            Bcrypt.verify(
                password, hash: cost == Self.defaultCost ? Self.defaultDecoy : Bcrypt.hash("decoy", cost: cost))
        }
    }

    /// The place ``withCheckReserved(_:)`` holds for the check it runs.
    @TaskLocal private static var reservation: PasswordWorkPool.Reservation?

    /// Runs `work` in the place reserved for it, or in one of its own.
    private func runReserved<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        if let reservation = Self.reservation { return try await reservation.run(work) }
        return try await pool.run(work)
    }

    /// A hash of a password nobody is asked for, made once.
    private static let defaultDecoy = Bcrypt.hash("decoy \(UInt64.random(in: .min ... .max))", cost: defaultCost)
}
