import AvaraSupport
import AvaraTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import AvaraCore

/// The core refuses invalid commands itself, without HTTP: whichever surface builds a command, the rules hold.
@Suite("The core's services refuse commands that break a rule")
struct CommandRulesTests {
    @Test("an invite breaking rules is refused with every violation, and nothing reaches the repository")
    func invalidInviteIsRefused() async throws {
        let repository = RecordingRepository()
        let service = Self.invitations(repository)
        var request = Self.validRequest(.autoScribe)
        request.email = "not-an-email"
        request.firstName = ""
        request.level = "admin"
        request.hasDashboardAccess = false
        request.canCreateReports = true
        request.npiNumber = "1234567890"
        request.clinicRole = "Wizard"
        await #expect(throws: ServiceError.self) {
            try await service.invite(request, context: Self.context)
        }
        do {
            _ = try await service.invite(request, context: Self.context)
        } catch ServiceError.invalid(let errors) {
            #expect(
                Set(errors.map(\.field)) == ["clinicRole", "email", "firstName", "hasDashboardAccess", "npiNumber"])
        }
        #expect(repository.insertedInvites == 0)
    }

    @Test("an invite whose fields have the wrong types is refused naming each field")
    func wrongTypesAreRefused() async throws {
        let repository = RecordingRepository()
        let service = Self.invitations(repository)
        var fields = Self.validRequest(.viewer).fields
        fields["canManageStudies"] = "yes"
        fields["email"] = nil
        await #expect(
            throws: ServiceError.invalid([
                FieldError(field: "canManageStudies", message: "must be a boolean, got a string"),
                FieldError(field: "email", message: "is required"),
            ])
        ) {
            try await service.invite(product: .viewer, fields: fields, context: Self.context)
        }
        #expect(repository.insertedInvites == 0)
    }

    @Test("a valid invite reaches the repository")
    func validInviteIsCommitted() async throws {
        let repository = RecordingRepository()
        let user = try await Self.invitations(repository).invite(Self.validRequest(.viewer), context: Self.context)
        #expect(user.email == "dr.lee@hospital.org")
        #expect(repository.insertedInvites == 1)
    }

    @Test("an update breaking rules is refused before the directory is asked for the user")
    func invalidUpdateIsRefused() async throws {
        let repository = RecordingRepository()
        let users = UserDirectoryService(
            rules: Self.rules, directory: repository, clock: FixedClock(), random: CountingRandom(),
            logger: Logger(label: "test")
        )
        var changes = UserChanges()
        changes.level = "owner"
        changes.phoneNumber = .some("12")
        await #expect(throws: ServiceError.self) {
            try await users.update(id: "usr_1", product: .viewer, context: Self.context, changes: changes)
        }
        #expect(repository.directoryCalls == 0)
    }

    static let clinic = Clinic(clinicId: "cln_1", name: "Acme Imaging", createdAt: Date(timeIntervalSince1970: 0))
    static let context = CommandContext(clinic: clinic, actor: .apiKey(id: "key_1", name: "test"), surface: .api)
    static let rules = RuleBook([
        ValidationFixtures.rules(for: .viewer), ValidationFixtures.rules(for: .autoScribe),
    ])

    static func validRequest(_ product: Product) -> InviteRequest {
        InviteRequest(
            product: product, email: "dr.lee@hospital.org", firstName: "Ann", lastName: "Lee",
            clinicRole: "Radiologist",
            level: "member", canManageStudies: false, hasDashboardAccess: false,
            canCreateReports: product == .autoScribe ? false : nil
        )
    }

    static func invitations(_ repository: RecordingRepository) -> InvitationService {
        InvitationService(
            rules: rules, users: repository, invitations: repository, clock: FixedClock(), random: CountingRandom(),
            links: InvitationLinks(publicURL: "https://avara.example.org"), inviteTTL: .seconds(3600),
            resendCooldown: .seconds(60),
            mailFrom: MailAddress(address: "invites@avara.example.org"), writerLoad: nil,
            commitExecutor: DedicatedThread.commits, logger: Logger(label: "test")
        )
    }
}

/// A clock at 2026-03-01.
struct FixedClock: ServiceClock {
    func now() -> Date { Date(timeIntervalSince1970: 1_772_323_200) }
}

/// Bytes that count up, so that ids differ.
final class CountingRandom: RandomSource {
    private let next = Mutex<UInt8>(0)

    func bytes(_ count: Int) -> [UInt8] {
        next.withLock { next in
            (0..<count).map { _ in
                next &+= 1
                return next
            }
        }
    }
}

/// Repositories that keep nothing and count what reaches them.
final class RecordingRepository: UserRepository, InvitationRepository, UserDirectory {
    private let counts = Mutex((invites: 0, directory: 0))

    var insertedInvites: Int { counts.withLock { $0.invites } }
    var directoryCalls: Int { counts.withLock { $0.directory } }

    func insertInvites(_ invites: [NewInvite]) async throws -> [InviteOutcome] {
        counts.withLock { $0.invites += invites.count }
        return invites.map { .created($0.user) }
    }

    func user(id: String, clinicId: String) async throws -> UserRecord? { nil }
    func count(clinicId: String, product: Product) async throws -> Int { insertedInvites }

    func renew(
        userId: String, clinicId: String, product: Product, now: Date, cooldown: TimeInterval,
        idempotency: IdempotencyClaim?, audit: AuditedChange<UserRecord>,
        renewal: @escaping @Sendable (UserRecord) throws -> InvitationRenewal
    ) async throws -> InvitationChange { .userNotFound }

    func revoke(
        userId: String, clinicId: String, product: Product, now: Date, idempotency: IdempotencyClaim?,
        audit: AuditedChange<UserRecord>
    ) async throws -> InvitationChange {
        .userNotFound
    }

    func user(id: String, clinicId: String, product: Product, now: Date) async throws -> UserRecord? {
        counts.withLock { $0.directory += 1 }
        return nil
    }

    func delete(
        id: String, clinicId: String, product: Product, now: Date, audit: AuditedChange<UserRecord>
    ) async throws -> Bool {
        counts.withLock { $0.directory += 1 }
        return false
    }

    func update(
        id: String, clinicId: String, product: Product, now: Date, audit: AuditedChange<UserRecord>,
        _ change: @escaping @Sendable (UserRecord) throws -> UserRecord
    ) async throws -> UserRecord? {
        counts.withLock { $0.directory += 1 }
        return nil
    }

    func search(
        clinicId: String, product: Product, filter: UserFilter, offset: Int, limit: Int, now: Date
    ) async throws -> (users: [UserRecord], total: Int) {
        ([], 0)
    }

    func page(
        clinicId: String, product: Product, filter: UserFilter, order: ListOrder, after cursor: UserCursor?, limit: Int,
        now: Date
    ) async throws -> (users: [UserRecord], hasMore: Bool, last: UserCursor?) {
        counts.withLock { $0.directory += 1 }
        return ([], false, nil)
    }

    func summaries(
        clinicId: String, product: Product, filter: UserFilter, order: ListOrder, after cursor: UserCursor?, limit: Int,
        now: Date
    ) async throws -> (users: [UserSummary], hasMore: Bool, last: UserCursor?) {
        counts.withLock { $0.directory += 1 }
        return ([], false, nil)
    }
}

@Suite("Commands as fields, the form every surface hands the core")
struct CommandFieldsTests {
    @Test("an invite read back from its fields is the same invite, in either product", arguments: Product.allCases)
    func inviteRoundTrip(product: Product) throws {
        var request = CommandRulesTests.validRequest(product)
        request.middleName = "Marie"
        request.phoneNumber = "5551234567"
        if product == .autoScribe {
            request.canCreateReports = true
            request.npiNumber = "1234567893"
        }
        let validator = InviteValidator(rules: CommandRulesTests.rules[product])
        #expect(try validator.request(from: request.fields).get() == request)
    }

    @Test("an update's fields say what to change, what to clear, and leave the rest out")
    func updateFields() {
        var changes = UserChanges()
        changes.level = "admin"
        changes.middleName = .some(nil)
        changes.phoneNumber = .some("5551234567")
        #expect(
            changes.fields == ["level": .string("admin"), "middleName": .null, "phoneNumber": .string("5551234567")])
    }
}
