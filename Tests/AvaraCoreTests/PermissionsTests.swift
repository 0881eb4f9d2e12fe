import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore

@Suite("Who may manage whom")
struct PermissionsTests {
    static func user(_ id: String, _ product: Product = .viewer, level: String) -> UserRecord {
        var user = CommandRulesTests.validRequest(product).userRecord
        user.userId = id
        user.level = level
        return user
    }

    static func context(_ actor: CommandContext.Actor) -> CommandContext {
        CommandContext(clinic: CommandRulesTests.clinic, actor: actor, surface: .dashboard)
    }

    static let key = CommandContext.Actor.apiKey(id: "key_1", name: "PACS")

    @Test(
        "managing a user of each level, by each kind of actor",
        arguments: [
            // (actor, target level, allowed)
            (key, "owner", false), (key, "admin", true), (key, "member", true),
            (.cli, "owner", false), (.cli, "member", true), (.system, "owner", true),
            (.user(id: "usr_o", product: .viewer, level: "owner"), "owner", true),
            (.user(id: "usr_o", product: .viewer, level: "owner"), "admin", true),
            (.user(id: "usr_a", product: .viewer, level: "admin"), "owner", false),
            (.user(id: "usr_a", product: .viewer, level: "admin"), "admin", true),
            (.user(id: "usr_a", product: .viewer, level: "admin"), "member", true),
            (.user(id: "usr_m", product: .viewer, level: "member"), "member", false),
            (.user(id: "usr_o", product: .autoScribe, level: "owner"), "member", false),
        ] as [(CommandContext.Actor, String, Bool)])
    func manage(actor: CommandContext.Actor, level: String, allowed: Bool) {
        let target = Self.user("usr_t", level: level)
        if allowed {
            #expect(throws: Never.self) { try Permissions.checkManage(target, in: Self.context(actor)) }
        } else {
            #expect {
                try Permissions.checkManage(target, in: Self.context(actor))
            } throws: { error in
                guard case ServiceError.forbidden(let reason) = error else { return false }
                return !reason.isEmpty
            }
        }
    }

    @Test("a member reads their own profile only, and lists or invites nobody; an admin does both")
    func membersReadThemselves() {
        let member = Self.context(.user(id: "usr_m", product: .viewer, level: "member"))
        #expect(throws: Never.self) { try Permissions.checkRead(Self.user("usr_m", level: "member"), in: member) }
        #expect(throws: ServiceError.userNotFound) {
            try Permissions.checkRead(Self.user("usr_x", level: "member"), in: member)
        }
        #expect(throws: ServiceError.self) { try Permissions.checkAdministers(.viewer, in: member) }
        let admin = Self.context(.user(id: "usr_a", product: .viewer, level: "admin"))
        #expect(throws: Never.self) { try Permissions.checkAdministers(.viewer, in: admin) }
        #expect(throws: ServiceError.self) { try Permissions.checkAdministers(.autoScribe, in: admin) }
        #expect(throws: Never.self) { try Permissions.checkAdministers(.autoScribe, in: Self.context(Self.key)) }
    }

    @Test("the way in decides invitedSource: the dashboard's, or the API's for every other")
    func invitedSource() {
        for surface in CommandContext.Surface.allCases {
            let context = CommandContext(clinic: CommandRulesTests.clinic, actor: .cli, surface: surface)
            #expect(context.invitedSource == (surface == .dashboard ? "dashboard" : "api"))
        }
        #expect(CommandContext.system(CommandRulesTests.clinic).invitedSource == "api")
    }
}

@Suite("Event ids and JSON")
struct EventIdentityTests {
    @Test("ids made at one instant, or at an earlier one, still sort in the order they were made")
    func idsAreMonotonic() {
        let random = CountingRandom()
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        let ids = (0..<50).map { EventIDs.next(at: now.addingTimeInterval($0 % 7 == 0 ? -10 : 0), random: random) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.wholeMatch(of: /evt_[0-9a-f]{32}/) != nil })
    }

    @Test("JSON text reads back to the value it was written from, whatever the characters")
    func jsonRoundTrip() throws {
        let value = JSONValue.object([
            "name": "Zoë \"Q\" \\ O'Brien\n\t\u{1}\u{2028}/", "n": .number(42), "x": .number(0.5), "none": .null,
            "list": .array([.bool(true), .bool(false), .object([:])]),
        ])
        #expect(try JSONParser.parse(Array(value.jsonText.utf8)) == value)
        #expect(value.jsonText.hasPrefix(#"{"list":[true,false,{}],"n":42,"name":"#))
    }
}
