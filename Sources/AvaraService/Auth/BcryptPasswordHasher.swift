import AvaraCore
import HummingbirdBcrypt
import NIOPosix

/// bcrypt (HummingbirdBcrypt), run on NIO's thread pool: a hash takes a noticeable fraction of a second by design
/// and must not hold a thread that serves requests.
package struct BcryptPasswordHasher: PasswordHasher {
    /// The work factor: each step doubles the cost; 12 takes about a quarter of a second here.
    package let cost: UInt8

    package init(cost: UInt8 = 12) {
        self.cost = cost
    }

    package func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    package func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    package func verifyNothing(_ password: String) async throws {
        let decoy = cost == 12 ? Self.decoy12 : Bcrypt.hash("decoy", cost: cost)
        _ = try await verify(password, hash: decoy)
    }

    /// A hash of a password nobody is asked for, made once.
    private static let decoy12 = Bcrypt.hash("decoy \(UInt64.random(in: .min ... .max))", cost: 12)
}
