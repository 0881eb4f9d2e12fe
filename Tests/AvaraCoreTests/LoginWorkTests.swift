import Foundation
import Logging
import Synchronization
import Testing

@testable import AvaraCore

/// A failed login costs one password check whatever the reason, so that its time tells nothing about the account.
@Suite("Every failed login costs the same work")
struct LoginWorkTests {
    @Test(
        "unknown email, not accepted, no dashboard access, no password, wrong password, blank password: one check each",
        arguments: ["unknown", "pending", "no dashboard", "no password", "wrong password", "blank password"]
    )
    func oneCheckPerFailure(reason: String) async throws {
        var user = CommandRulesTests.validRequest(.viewer).userRecord
        user.hasDashboardAccess = reason != "no dashboard"
        let candidate = LoginCandidate(
            user: user, clinic: CommandRulesTests.clinic,
            passwordHash: reason == "no password" ? nil : "hash:correct horse battery",
            invitationStatus: reason == "pending" ? .pending : .accepted
        )
        let hasher = CountingHasher()
        let logins = LoginService(
            accounts: Accounts(candidates: reason == "unknown" ? [] : [candidate]), hasher: hasher,
            throttle: NoThrottle(), clock: FixedClock(), random: CountingRandom(), logger: Logger(label: "test")
        )
        let password =
            switch reason {
            case "wrong password": "wrong horse battery"
            case "blank password": ""
            default: "correct horse battery"
            }
        await #expect(throws: ServiceError.loginFailed) {
            try await logins.login(email: user.email, password: password, product: .viewer, clientAddress: "192.0.2.1")
        }
        #expect(hasher.checks == 1)
    }
}

extension InviteRequest {
    /// The user this request would create.
    var userRecord: UserRecord {
        UserRecord(
            self, userId: "usr_1", clinicId: "cln_1", invitedSource: "api", createdAt: Date(timeIntervalSince1970: 0)
        )
    }
}

/// "hash:" and the password; counts every check, real or not.
final class CountingHasher: PasswordHasher {
    private let count = Mutex(0)
    var checks: Int { count.withLock { $0 } }

    func hash(_ password: String) async throws -> String { "hash:" + password }

    func verify(_ password: String, hash: String) async throws -> Bool {
        count.withLock { $0 += 1 }
        return hash == "hash:" + password
    }

    func verifyNothing(_ password: String) async throws {
        count.withLock { $0 += 1 }
    }
}

/// Login candidates from memory; sessions go nowhere.
struct Accounts: AccountRepository {
    var candidates: [LoginCandidate]

    func invitation(tokenHash: String, now: Date) async throws -> InvitationLookup? { nil }
    func accept(
        invitationId: String, tokenHash: String, passwordHash: String, now: Date, event: DomainEvent,
        ownerAccounts: (clinicId: String, emailKey: String)?
    ) async throws -> Bool { false }
    func loginCandidates(email: String, product: Product?, now: Date) async throws -> [LoginCandidate] { candidates }
    func account(userId: String, now: Date) async throws -> LoginCandidate? {
        candidates.first { $0.user.userId == userId }
    }
    func startSession(_ session: NewSession, event: DomainEvent, replacing: String?) async throws -> Bool { true }
    func session(hash sessionHash: String, now: Date) async throws -> StoredSession? { nil }
    func touchSession(hash sessionHash: String, now: Date) async throws {}
    func endSession(hash sessionHash: String) async throws {}
    func changePassword(userId: String, passwordHash: String) async throws {}
}

/// A throttle that never refuses.
struct NoThrottle: LoginThrottle {
    func admit(account: String, address: String) async throws -> TimeInterval? { nil }
    func recordSuccess(account: String, address: String) async throws {}
}

@Suite("A login is for one user")
struct LoginChoiceTests {
    @Test("an email accepted in two clinics: a wrong password costs one check, not one per clinic")
    func oneCheckForTwoClinics() async throws {
        let request = CommandRulesTests.validRequest(.viewer)
        var first = request.userRecord
        first.hasDashboardAccess = true
        first.userId = "usr_1"
        first.clinicId = "cln_1"
        var second = first
        second.userId = "usr_2"
        second.clinicId = "cln_2"
        let candidates = [
            LoginCandidate(
                user: second, clinic: CommandRulesTests.clinic, passwordHash: "hash:second clinic password",
                invitationStatus: .accepted,
                acceptedAt: Date(timeIntervalSince1970: 20)),
            LoginCandidate(
                user: first, clinic: CommandRulesTests.clinic, passwordHash: "hash:first clinic password",
                invitationStatus: .accepted,
                acceptedAt: Date(timeIntervalSince1970: 10)),
        ]
        let hasher = CountingHasher()
        let logins = LoginService(
            accounts: Accounts(candidates: candidates), hasher: hasher, throttle: NoThrottle(), clock: FixedClock(),
            random: CountingRandom(), logger: Logger(label: "test")
        )
        await #expect(throws: ServiceError.loginFailed) {
            try await logins.login(
                email: first.email, password: "second clinic password", product: .viewer, clientAddress: "192.0.2.1")
        }
        #expect(hasher.checks == 1)
        let session = try await logins.login(
            email: first.email, password: "second clinic password", product: .viewer, clinicId: "cln_2",
            clientAddress: "192.0.2.1"
        )
        #expect(session.userId == "usr_2")
        #expect(
            try await logins.login(
                email: first.email, password: "first clinic password", product: .viewer, clientAddress: "x"
            ).userId == "usr_1")
    }
}

@Suite("A login flood past the hasher's capacity")
struct LoginFloodTests {
    /// A hasher with no room left.
    struct FullHasher: PasswordHasher {
        func hash(_ password: String) async throws -> String { "" }
        func verify(_ password: String, hash: String) async throws -> Bool { false }
        func verifyNothing(_ password: String) async throws {}
        func withCheckReserved<T: Sendable>(_ check: () async throws -> T) async throws -> T {
            throw ServiceError.busy(retryAfter: 1)
        }
    }

    /// A throttle that counts the attempts it is asked to admit.
    final class CountingThrottle: LoginThrottle {
        private let count = Mutex(0)
        var admitted: Int { count.withLock { $0 } }
        func admit(account: String, address: String) async throws -> TimeInterval? {
            count.withLock { $0 += 1 }
            return nil
        }
        func recordSuccess(account: String, address: String) async throws {}
    }

    @Test("answers busy before any database work: the attempt is not even counted")
    func busyBeforeDatabaseWork() async throws {
        let throttle = CountingThrottle()
        let logins = LoginService(
            accounts: Accounts(candidates: []), hasher: FullHasher(), throttle: throttle, clock: FixedClock(),
            random: CountingRandom(), logger: Logger(label: "test")
        )
        await #expect(throws: ServiceError.busy(retryAfter: 1)) {
            try await logins.login(
                email: "a@b.org", password: "correct horse battery", product: .viewer, clientAddress: "x")
        }
        #expect(throttle.admitted == 0)
    }
}
